using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HallDevices.Queueing.Engine;

/// <summary>
/// The requests answered today (contract v1: a repeated <c>requestId</c> returns the first answer
/// and changes nothing, so a kiosk retrying after a timeout never gets two tickets). An answer is
/// kept as JSON so it survives a restart in the hall's storage (<see cref="HallChange.Request"/>).
/// </summary>
internal sealed class RequestLedger
{
    private static readonly JsonSerializerOptions OutcomeJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Dictionary<string, ProcessedRequest> _requests = new(StringComparer.Ordinal);

    /// <summary>
    /// The first answer to <paramref name="requestId"/>, when it was seen; a <c>request-id-reused</c>
    /// refusal when it was seen for another kind of request.
    /// </summary>
    public bool TryReplay<T>(string? requestId, [NotNullWhen(true)] out Outcome<T>? first)
    {
        if (requestId is not null && _requests.TryGetValue(requestId, out var seen))
        {
            first = Replay<T>(seen);
            return true;
        }

        first = null;
        return false;
    }

    /// <summary>The answer to keep for <paramref name="requestId"/>, to be committed with the change it answers.</summary>
    public static ProcessedRequest Record<T>(string requestId, Outcome<T> outcome, DateOnly day)
    {
        var stored = new StoredOutcome<T>(outcome.Value, outcome.Error);
        return new ProcessedRequest(requestId, typeof(T).Name, JsonSerializer.Serialize(stored, OutcomeJson), day);
    }

    /// <summary>Remembers a committed (or restored) answer.</summary>
    public void Remember(ProcessedRequest request) => _requests[request.RequestId] = request;

    /// <summary>Forgets every answer: a new service day starts.</summary>
    public void Clear() => _requests.Clear();

    private static Outcome<T> Replay<T>(ProcessedRequest seen)
    {
        if (seen.Kind != typeof(T).Name)
        {
            return Outcome<T>.Fail(ErrorCodes.RequestIdReused, $"requestId '{seen.RequestId}' was already used for another kind of request");
        }

        var stored = JsonSerializer.Deserialize<StoredOutcome<T>>(seen.OutcomeJson, OutcomeJson)!;
        return stored.Error is { } e ? Outcome<T>.Fail(e.Code, e.Message) : Outcome<T>.Success(stored.Value);
    }

    private sealed record StoredOutcome<T>(T? Value, QueueError? Error);
}
