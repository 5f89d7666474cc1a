using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>
/// An event as published on <c>hall/{hallId}/events/{type}</c> and returned by <c>req/events</c> and
/// <c>GET /api/halls/{hallId}/events</c>: <c>type</c> first, then the fields of its kind, then the
/// ticket's and the common ones. <see cref="Sequence"/> is the event's place in the hall's gapless
/// log, so a consumer that sees a gap fetches what the broker dropped; the log's follow-up and
/// appeal records are never published, so a fetched gap may hold fewer events than it spans.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TicketIssuedEvent), EventTypes.TicketIssued)]
[JsonDerivedType(typeof(TicketCalledEvent), EventTypes.TicketCalled)]
[JsonDerivedType(typeof(TicketRecalledEvent), EventTypes.TicketRecalled)]
[JsonDerivedType(typeof(TicketSkippedEvent), EventTypes.TicketSkipped)]
[JsonDerivedType(typeof(TicketReinstatedEvent), EventTypes.TicketReinstated)]
[JsonDerivedType(typeof(TicketFinishedEvent), EventTypes.TicketFinished)]
[JsonDerivedType(typeof(TicketTransferredEvent), EventTypes.TicketTransferred)]
[JsonDerivedType(typeof(TicketVoidedEvent), EventTypes.TicketVoided)]
[JsonDerivedType(typeof(EvaluationEvent), EventTypes.Evaluation)]
[JsonDerivedType(typeof(CounterChangedEvent), EventTypes.CounterChanged)]
public abstract record HallEventMessage
{
    /// <summary>Position in the hall's event log, 1-based (the log is gapless; what is published skips its follow-up and appeal records).</summary>
    public long Sequence { get; init; }

    /// <summary>The hall it happened in.</summary>
    public required string HallId { get; init; }

    /// <summary>When it happened (hall time zone offset).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>
    /// Who asked for the change: a staff id (the person signed in, or a hall manager acting on
    /// someone's counter), <c>api:{integrator}</c> for an integrator's key. Left out for what devices
    /// and the server do themselves, so their events read as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? By { get; init; }

    /// <summary>The type name (<see cref="EventTypes"/>): the topic's last level and the JSON <c>type</c>.</summary>
    [JsonIgnore]
    public abstract string Type { get; }
}
