using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>
/// The answer to any request: <c>{"ok":true,...}</c> or <c>{"ok":false,"error":{code,message}}</c>.
/// <see cref="Ticket"/> is always written (null when call-next finds nobody waiting, and in refusals);
/// the other parts only when present.
/// </summary>
/// <param name="Ok">True when the request was carried out.</param>
/// <param name="Ticket">The ticket concerned.</param>
/// <param name="Counter">The counter's state after a counter action.</param>
/// <param name="Error">The refusal, when <paramref name="Ok"/> is false.</param>
public sealed record Reply(
    bool Ok,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] TicketInfo? Ticket = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CounterInfo? Counter = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorInfo? Error = null)
{
    /// <summary>Events returned by a <c>req/events</c> fetch, in sequence order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HallEventMessage>? Events { get; init; }

    /// <summary>A refusal.</summary>
    /// <param name="code">One of <see cref="ErrorCodes"/>.</param>
    /// <param name="message">Explanation for people.</param>
    public static Reply Fail(string code, string message) => new(false, Error: new ErrorInfo(code, message));
}
