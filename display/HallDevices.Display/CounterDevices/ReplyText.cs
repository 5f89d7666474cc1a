using System.Text.Json;
using HallDevices.Contracts;

namespace HallDevices.Display.CounterDevices;

/// <summary>What the bus devices make of the server's replies (docs/mqtt-api.md, <c>req/counter</c> and <c>req/evaluate</c>).</summary>
internal static class ReplyText
{
    /// <summary>The keypad's text for the answer to <paramref name="action"/>, and the outcome to log (<c>ok</c> or the error code).</summary>
    /// <exception cref="JsonException">The reply is not JSON.</exception>
    public static (string Shown, string Outcome) FromCounterReply(ReadOnlyMemory<byte> payload, string action)
    {
        var answer = ContractJson.Deserialize<Reply>(payload.Span);
        if (answer is { Ok: true })
        {
            return (WindowText.KeypadDone(action, answer.Ticket?.Number), "ok");
        }

        var code = answer?.Error?.Code;
        return (WindowText.KeypadError(code), code ?? "unknown");
    }

    /// <summary>The outcome to log of a rating: <c>ok</c> or the error code.</summary>
    /// <exception cref="JsonException">The reply is not JSON.</exception>
    public static string FromEvaluateReply(ReadOnlyMemory<byte> payload)
    {
        var answer = ContractJson.Deserialize<Reply>(payload.Span);
        return answer is { Ok: true } ? "ok" : answer?.Error?.Code ?? "unknown";
    }
}
