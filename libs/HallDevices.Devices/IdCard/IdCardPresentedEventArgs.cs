namespace HallDevices.Devices.IdCard;

/// <summary>Event data for a card that was put on the reader and read.</summary>
/// <param name="card">The card data.</param>
/// <param name="readAt">When the read completed.</param>
public sealed class IdCardPresentedEventArgs(IdCardData card, DateTimeOffset readAt) : EventArgs
{
    /// <summary>The card data (the ID number inside is sensitive).</summary>
    public IdCardData Card { get; } = card;

    /// <summary>When the read completed, from the reader's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ReadAt { get; } = readAt;
}
