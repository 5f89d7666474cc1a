namespace HallDevices.Display.Board;

/// <summary>Whether what the board shows is live.</summary>
internal enum LinkState
{
    /// <summary>No state received yet since start.</summary>
    Waiting,

    /// <summary>Connected and showing the server's latest state.</summary>
    Live,

    /// <summary>Broker or server unreachable: the board shows old state, marked as such.</summary>
    Offline,
}

/// <summary>One call as the board draws it.</summary>
internal sealed record CallView(string Ticket, string CounterName, DateTimeOffset At, bool Recall);

/// <summary>One queue's waiting line as the board draws it.</summary>
internal sealed record QueueView(string Prefix, string Name, int Waiting, int EstimatedWaitMinutes);

/// <summary>
/// Immutable picture of everything the board shows at one moment, handed from the state (MQTT
/// thread) to the renderer (render thread) so neither ever waits for the other.
/// </summary>
internal sealed record BoardView(
    string HallName,
    IReadOnlyList<CallView> Calls,
    IReadOnlyList<QueueView> Queues,
    DateTimeOffset HighlightUntil,
    LinkState Link,
    DateTimeOffset? LastGoodAt,
    string Notice,
    TimeZoneInfo TimeZone,
    long Version)
{
    /// <summary>The call shown large: the newest one.</summary>
    public CallView? Current => Calls.Count > 0 ? Calls[0] : null;

    /// <summary>A new call or recall is highlighted for a while, and never while the board is offline (it may be stale).</summary>
    public bool IsHighlighted(DateTimeOffset now) => Link == LinkState.Live && Current is not null && now < HighlightUntil;
}
