namespace HallDevices.Reporting;

/// <summary>
/// One call of a ticket that ended in a finish or transfer: its handling at that counter.
/// </summary>
internal readonly record struct CallSegment(int Counter, int Staff, double Seconds);
