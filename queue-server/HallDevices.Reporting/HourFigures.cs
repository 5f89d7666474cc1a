namespace HallDevices.Reporting;

/// <summary>One local hour of the day over the period (busiest hours): 0 is 00:00–00:59 in the hall's time zone.</summary>
/// <param name="Hour">0–23.</param>
/// <param name="Arrivals">Tickets issued in that hour, over all days of the period.</param>
/// <param name="Served">Tickets finished in that hour (of tickets issued in the period).</param>
public sealed record HourFigures(int Hour, int Arrivals, int Served);
