using System.Text.Json;

namespace HallDevices.Display.Board;

// What the display reads from the contract (docs/mqtt-api.md). Only the fields it uses: the server
// may add fields without breaking screens.

/// <summary>One call on the retained board.</summary>
internal sealed record BoardCallDto(string Ticket, string CounterId, string? CounterName, DateTimeOffset At, bool Recall);

/// <summary>Waiting figures of one queue.</summary>
internal sealed record BoardQueueDto(string QueueId, string? QueueName, string? Prefix, int Waiting, int EstimatedWaitMinutes);

/// <summary>The retained <c>hall/{hallId}/board</c> message.</summary>
internal sealed record BoardDto(string? HallId, string? HallName, IReadOnlyList<BoardCallDto>? Calls, IReadOnlyList<BoardQueueDto>? Waiting, DateTimeOffset UpdatedAt, long Sequence);

/// <summary>Counter entry of the retained catalogue.</summary>
internal sealed record CatalogCounterDto(string Id, string Name, bool Fallback);

/// <summary>The retained <c>hall/{hallId}/catalog</c> message (display part).</summary>
internal sealed record CatalogDto(string? HallId, string? Name, string? TimeZone, IReadOnlyList<CatalogCounterDto>? Counters);

/// <summary>The retained <c>hall/{hallId}/counters/{id}/state</c> message.</summary>
internal sealed record CounterStateDto(string CounterId, string? CounterName, string Status, string? Ticket, string? StaffId, DateTimeOffset Since);

/// <summary>A <c>ticket-called</c> or <c>ticket-recalled</c> event (display part).</summary>
internal sealed record CallEventDto(string? Type, long Sequence, string? Number, string? CounterId, DateTimeOffset At, int RecallCount);

internal static class HallJson
{
    /// <summary>The server writes camelCase with web defaults; read the same way.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
