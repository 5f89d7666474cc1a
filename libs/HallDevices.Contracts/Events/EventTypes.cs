namespace HallDevices.Contracts;

/// <summary>
/// Event type names: the last level of <c>hall/{hallId}/events/{type}</c> and the <c>type</c> field
/// of every event.
/// </summary>
public static class EventTypes
{
    /// <summary><see cref="TicketIssuedEvent"/>.</summary>
    public const string TicketIssued = "ticket-issued";

    /// <summary><see cref="TicketCalledEvent"/>.</summary>
    public const string TicketCalled = "ticket-called";

    /// <summary><see cref="TicketRecalledEvent"/>.</summary>
    public const string TicketRecalled = "ticket-recalled";

    /// <summary><see cref="TicketSkippedEvent"/>.</summary>
    public const string TicketSkipped = "ticket-skipped";

    /// <summary><see cref="TicketReinstatedEvent"/>.</summary>
    public const string TicketReinstated = "ticket-reinstated";

    /// <summary><see cref="TicketFinishedEvent"/>.</summary>
    public const string TicketFinished = "ticket-finished";

    /// <summary><see cref="TicketTransferredEvent"/>.</summary>
    public const string TicketTransferred = "ticket-transferred";

    /// <summary><see cref="TicketVoidedEvent"/>.</summary>
    public const string TicketVoided = "ticket-voided";

    /// <summary><see cref="EvaluationEvent"/>.</summary>
    public const string Evaluation = "evaluation";

    /// <summary><see cref="CounterChangedEvent"/>.</summary>
    public const string CounterChanged = "counter-changed";

    /// <summary>Every type, in the order docs/mqtt-api.md lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TicketIssued, TicketCalled, TicketRecalled, TicketSkipped, TicketReinstated, TicketFinished,
        TicketTransferred, TicketVoided, Evaluation, CounterChanged,
    ];
}
