namespace HallDevices.Contracts;

/// <summary>A service among today's most asked for (the kiosk lists them first).</summary>
/// <param name="ServiceId">Service.</param>
/// <param name="Issued">Tickets issued for it today.</param>
public sealed record BoardServiceCount(string ServiceId, int Issued);
