using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>The state of a counter as a reply carries it (<c>req/counter</c>, <c>GET /api/halls/{hallId}/counters</c>).</summary>
/// <param name="CounterId">The counter.</param>
/// <param name="Status"><c>closed</c> <c>idle</c> <c>serving</c> <c>paused</c>.</param>
/// <param name="Ticket">Number being served; left out when none.</param>
/// <param name="StaffId">Who is signed in; left out when nobody.</param>
/// <param name="Since">Since when.</param>
public sealed record CounterInfo(
    string CounterId,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Ticket,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StaffId,
    DateTimeOffset Since);
