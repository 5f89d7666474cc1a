using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A ticket as clients see it (MQTT replies and events, HTTP). Times carry the hall's offset.</summary>
/// <param name="Number">Printed number, e.g. <c>A012</c>.</param>
/// <param name="QueueId">Queue it waits in.</param>
/// <param name="ServiceId">Service chosen.</param>
/// <param name="ServiceName">Service display name.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="Status">Lifecycle status, kebab-case (<c>waiting</c>, <c>called</c>, <c>finished</c>, <c>no-show</c>, <c>transferred</c>, <c>voided</c>).</param>
/// <param name="WaitingAhead">People to be called before it.</param>
/// <param name="EstimatedWaitMinutes">Estimated wait.</param>
/// <param name="TrackUrl">Tracking page for the citizen's phone.</param>
/// <param name="Priority">Priority class (<c>normal</c>, <c>appointment</c>, <c>green-channel</c>).</param>
/// <param name="CounterId">Counter that called it, if called.</param>
/// <param name="MaskedId">Masked ID number, when an ID card was used.</param>
/// <param name="RecallCount">Times re-announced.</param>
public sealed record TicketInfo(
    string Number,
    string QueueId,
    string ServiceId,
    string ServiceName,
    DateTimeOffset IssuedAt,
    string Status,
    int WaitingAhead,
    int EstimatedWaitMinutes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TrackUrl,
    string Priority,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CounterId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MaskedId,
    int RecallCount);
