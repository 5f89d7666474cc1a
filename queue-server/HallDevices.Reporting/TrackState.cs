namespace HallDevices.Reporting;

/// <summary>Where a ticket stands in the report's pass: the last of its lifecycle events that counts.</summary>
internal enum TrackState : byte
{
    Waiting,
    Called,
    Skipped,
    Finished,
    Transferred,
    Voided,
}
