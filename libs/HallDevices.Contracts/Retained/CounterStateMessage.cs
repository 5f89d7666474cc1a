using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>The retained <c>hall/{hallId}/counters/{counterId}/state</c> message.</summary>
/// <param name="CounterId">Counter.</param>
/// <param name="CounterName">Display name.</param>
/// <param name="Status"><c>closed</c> <c>idle</c> <c>serving</c> <c>paused</c>.</param>
/// <param name="Ticket">Number being served; written as null when none, so a screen clears it.</param>
/// <param name="StaffId">Who is signed in; written as null when nobody.</param>
/// <param name="Since">Since when.</param>
public sealed record CounterStateMessage(
    string CounterId,
    string CounterName,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Ticket,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? StaffId,
    DateTimeOffset Since);
