using System.Globalization;
using System.Text.Json.Nodes;

namespace HallDevices.Contracts.Tests;

/// <summary>
/// Two JSON values say the same: the same fields (in any order) with the same values, where two
/// timestamps are the same when they name the same instant with the same offset (<c>09:00:00.000</c>
/// and <c>09:00:00</c> are one time).
/// </summary>
internal static class JsonEquivalence
{
    /// <summary>The first difference found, as a JSON path and both values; null when equivalent.</summary>
    public static string? Difference(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in e)
                {
                    if (!a.ContainsKey(name))
                    {
                        return $"{path}.{name}: lost on the way back";
                    }

                    if (Difference(value, a[name], $"{path}.{name}") is { } d)
                    {
                        return d;
                    }
                }

                var added = a.Select(p => p.Key).FirstOrDefault(k => !e.ContainsKey(k));
                return added is null ? null : $"{path}.{added}: written but not in the example";
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    return $"{path}: {e.Count} items, {a.Count} after the round trip";
                }

                for (var i = 0; i < e.Count; i++)
                {
                    if (Difference(e[i], a[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case (JsonValue e, JsonValue a):
                return SameValue(e, a) ? null : $"{path}: {e.ToJsonString()} became {a.ToJsonString()}";
            default:
                return $"{path}: {expected?.ToJsonString() ?? "null"} became {actual?.ToJsonString() ?? "null"}";
        }
    }

    private static bool SameValue(JsonValue e, JsonValue a)
    {
        if (JsonNode.DeepEquals(e, a))
        {
            return true;
        }

        if (e.TryGetValue<string>(out var es) && a.TryGetValue<string>(out var @as)
            && DateTimeOffset.TryParse(es, CultureInfo.InvariantCulture, DateTimeStyles.None, out var et)
            && DateTimeOffset.TryParse(@as, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return et == at && et.Offset == at.Offset && es.Contains('T', StringComparison.Ordinal);
        }

        // 3 and 3.0 are one number.
        return e.TryGetValue<double>(out var ed) && a.TryGetValue<double>(out var ad) && ed.Equals(ad);
    }
}
