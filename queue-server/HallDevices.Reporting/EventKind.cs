namespace HallDevices.Reporting;

/// <summary>The event types <see cref="FastEventReader"/> reads (HallEvent's discriminators).</summary>
internal enum EventKind
{
    Unknown,
    Issued,
    Called,
    Recalled,
    Skipped,
    Reinstated,
    Finished,
    Transferred,
    Voided,
    Evaluated,
    CounterChanged,
    FollowUpOpened,
    FollowUpRecorded,
    Appealed,
    Reviewed,
}
