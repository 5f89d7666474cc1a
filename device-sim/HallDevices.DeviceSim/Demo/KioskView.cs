namespace HallDevices.DeviceSim.Demo;

/// <summary>What a kiosk's touch UI shows, as its <c>/api/state</c> says (the kiosk's own view, reduced to what a citizen reads).</summary>
/// <param name="Screen"><c>start</c>, <c>services</c>, <c>working</c>, <c>ticket</c> or <c>message</c>.</param>
/// <param name="Version">Increases on every change.</param>
/// <param name="MessageCode">Why the message screen is shown.</param>
/// <param name="TicketNumber">The number on the ticket screen.</param>
public sealed record KioskView(string Screen, long Version, string? MessageCode, string? TicketNumber)
{
    /// <summary>True on the ticket screen: the citizen leaves with a ticket.</summary>
    public bool IsTicket => Screen == "ticket";
}
