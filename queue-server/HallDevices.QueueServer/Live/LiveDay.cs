namespace HallDevices.QueueServer.Live;

/// <summary>The hall's day so far.</summary>
/// <param name="Issued">Tickets taken.</param>
/// <param name="Served">Tickets finished.</param>
/// <param name="NoShows">Tickets skipped and not back.</param>
/// <param name="Voided">Tickets voided (failed prints, closing).</param>
/// <param name="Waiting">Tickets waiting now.</param>
/// <param name="MeanWaitSeconds">Mean wait from taking to first call, of the tickets called.</param>
public sealed record LiveDay(int Issued, int Served, int NoShows, int Voided, int Waiting, double MeanWaitSeconds);
