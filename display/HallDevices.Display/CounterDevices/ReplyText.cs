using System.Text.Json;

namespace HallDevices.Display.CounterDevices;

/// <summary>What the bus devices make of the server's replies (docs/mqtt-api.md, <c>req/counter</c> and <c>req/evaluate</c>).</summary>
internal static class ReplyText
{
    /// <summary>The keypad's text for the answer to <paramref name="action"/>, and the outcome to log (<c>ok</c> or the error code).</summary>
    /// <exception cref="JsonException">The reply is not JSON.</exception>
    public static (string Shown, string Outcome) FromCounterReply(ReadOnlyMemory<byte> payload, string action)
    {
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
        {
            var ticket = root.TryGetProperty("ticket", out var t) && t.ValueKind == JsonValueKind.Object && t.TryGetProperty("number", out var n) ? n.GetString() : null;
            return (WindowText.KeypadDone(action, ticket), "ok");
        }
        else
        {
            var code = root.TryGetProperty("error", out var err) && err.TryGetProperty("code", out var c) ? c.GetString() : null;
            return (WindowText.KeypadError(code), code ?? "unknown");
        }
    }

    /// <summary>The outcome to log of a rating: <c>ok</c> or the error code.</summary>
    /// <exception cref="JsonException">The reply is not JSON.</exception>
    /// <exception cref="KeyNotFoundException">A refusal without an error code.</exception>
    public static string FromEvaluateReply(ReadOnlyMemory<byte> payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var ok = doc.RootElement.TryGetProperty("ok", out var o) && o.ValueKind == JsonValueKind.True;
        return ok ? "ok" : doc.RootElement.GetProperty("error").GetProperty("code").GetString() ?? "unknown";
    }
}
