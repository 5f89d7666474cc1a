namespace HallDevices.Kiosk.Tickets;

/// <summary>What a printed ticket says; rendered to a raster image or to printer text.</summary>
/// <param name="HallName">Hall name at the top.</param>
/// <param name="Number">The ticket number, printed big.</param>
/// <param name="ServiceName">The service chosen.</param>
/// <param name="WaitingAhead">People ahead when issued.</param>
/// <param name="EstimatedWaitMinutes">Estimated wait when issued.</param>
/// <param name="IssuedAt">Issue time (hall's offset).</param>
/// <param name="MaskedId">Masked ID number, when a card was used.</param>
/// <param name="TrackUrl">Tracking page, encoded in the QR code.</param>
/// <param name="Hint">A short line at the bottom.</param>
public sealed record TicketContent(
    string HallName,
    string Number,
    string ServiceName,
    int WaitingAhead,
    int EstimatedWaitMinutes,
    DateTimeOffset IssuedAt,
    string? MaskedId,
    string TrackUrl,
    string Hint = "请留意叫号，过号请到引导台")
{
    /// <summary>The text lines below the number, in print order.</summary>
    public IReadOnlyList<string> DetailLines() =>
    [
        ServiceName,
        $"前面还有 {WaitingAhead} 人  预计等待 {EstimatedWaitMinutes} 分钟",
        $"取号时间 {IssuedAt:yyyy-MM-dd HH:mm}",
        .. MaskedId is null ? Array.Empty<string>() : [$"身份证 {MaskedId}"],
    ];

    /// <summary>
    /// The short service guide printed below the details when the citizen asked for it
    /// (<see cref="TicketGuide.ShortLines"/>); empty: none. Long lines are wrapped at the paper width
    /// by the renderer and the text-mode printer.
    /// </summary>
    public IReadOnlyList<string> GuideLines { get; init; } = [];
}
