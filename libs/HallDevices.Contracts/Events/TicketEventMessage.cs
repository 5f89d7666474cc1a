namespace HallDevices.Contracts;

/// <summary>Base of the events about one ticket.</summary>
public abstract record TicketEventMessage : HallEventMessage
{
    /// <summary>The ticket's unique id.</summary>
    public required string TicketId { get; init; }

    /// <summary>The printed number.</summary>
    public required string Number { get; init; }

    /// <summary>The queue the ticket is in when this happened.</summary>
    public required string QueueId { get; init; }

    /// <summary>The ticket's service.</summary>
    public required string ServiceId { get; init; }
}
