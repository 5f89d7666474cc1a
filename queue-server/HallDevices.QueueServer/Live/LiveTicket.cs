namespace HallDevices.QueueServer.Live;

/// <summary>A ticket as staff see it: no ID number, not even masked.</summary>
/// <param name="Number">Printed number.</param>
/// <param name="QueueId">Its queue.</param>
/// <param name="ServiceId">Its service.</param>
/// <param name="ServiceName">The service's name.</param>
/// <param name="Priority">normal, appointment or green-channel.</param>
/// <param name="Status">waiting, called, transferred, no-show...</param>
/// <param name="IssuedAt">When it was taken.</param>
/// <param name="CalledAt">When it was last called.</param>
/// <param name="SkippedAt">When it was skipped as a no-show.</param>
/// <param name="TargetCounterId">The counter it was transferred to, if any.</param>
/// <param name="RecallCount">How often it was recalled.</param>
public sealed record LiveTicket(
    string Number,
    string QueueId,
    string ServiceId,
    string ServiceName,
    string Priority,
    string Status,
    DateTimeOffset IssuedAt,
    DateTimeOffset? CalledAt,
    DateTimeOffset? SkippedAt,
    string? TargetCounterId,
    int RecallCount);
