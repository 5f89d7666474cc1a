namespace HallDevices.QueueServer.Live;

/// <summary>A counter's day so far.</summary>
/// <param name="Served">Tickets it finished.</param>
/// <param name="NoShows">Tickets it skipped.</param>
/// <param name="MeanHandlingSeconds">Mean time from call to finish.</param>
public sealed record LiveCounterDay(int Served, int NoShows, double MeanHandlingSeconds);
