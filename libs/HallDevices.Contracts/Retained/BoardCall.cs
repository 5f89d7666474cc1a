namespace HallDevices.Contracts;

/// <summary>One call on the board.</summary>
/// <param name="Ticket">Number called.</param>
/// <param name="CounterId">Counter.</param>
/// <param name="CounterName">Counter display name.</param>
/// <param name="At">When.</param>
/// <param name="Recall">True for a re-announcement.</param>
public sealed record BoardCall(string Ticket, string CounterId, string CounterName, DateTimeOffset At, bool Recall);
