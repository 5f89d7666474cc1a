namespace HallDevices.QueueServer.Dashboard;

/// <summary>One alert of the hall manager's dashboard (<see cref="HallAlerts"/>).</summary>
/// <param name="Kind">One of <see cref="AlertKinds"/>: stable, for the page to pick an icon or a sound.</param>
/// <param name="Severity"><see cref="AlertSeverities.Critical"/> or <see cref="AlertSeverities.Warning"/>.</param>
/// <param name="Subject">What it is about: one of <see cref="AlertSubjects"/>.</param>
/// <param name="SubjectId">The device, queue or counter id, or the follow-up case's ticket id.</param>
/// <param name="Since">When the condition began, in the hall's time zone (see <see cref="AlertKinds"/> for each kind).</param>
/// <param name="TextZh">The alert in Chinese, e.g. <c>自助取号机 kiosk-01 缺纸</c>.</param>
/// <param name="TextEn">The alert in English, e.g. <c>Kiosk kiosk-01 is out of paper</c>.</param>
public sealed record HallAlert(
    string Kind,
    string Severity,
    string Subject,
    string SubjectId,
    DateTimeOffset Since,
    string TextZh,
    string TextEn);
