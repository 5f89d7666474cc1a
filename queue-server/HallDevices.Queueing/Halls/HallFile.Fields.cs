using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HallDevices.Queueing.Halls;

/// <summary>The field readers every section of <see cref="HallFile"/> uses: each names the JSON path it rejects.</summary>
public static partial class HallFile
{
    private static void RequireObject(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new HallConfigException(path, $"expected an object, found {e.ValueKind}");
        }
    }

    private static void AllowOnly(JsonElement obj, string path, params string[] names)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (!names.Contains(p.Name, StringComparer.Ordinal))
            {
                throw new HallConfigException(Join(path, p.Name), $"unknown field '{p.Name}' (expected one of: {string.Join(", ", names)})");
            }
        }
    }

    private static string RequiredId(JsonElement obj, string path)
    {
        var id = RequiredString(obj, "id", path);
        if (!IdPattern().IsMatch(id))
        {
            throw new HallConfigException(Join(path, "id"), $"id '{id}' may use only letters, digits, '-' and '_'");
        }

        return id;
    }

    private static string RequiredString(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            throw new HallConfigException(Join(path, name), $"missing required field '{name}'");
        }

        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            throw new HallConfigException(Join(path, name), $"'{name}' must be a non-empty string");
        }

        return v.GetString()!.Trim();
    }

    private static string? OptionalString(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : throw new HallConfigException(Join(path, name), $"'{name}' must be a string");
    }

    private static string? OptionalNonEmptyString(JsonElement obj, string name, string path)
    {
        var value = OptionalString(obj, name, path);
        return value is null ? null
            : string.IsNullOrWhiteSpace(value) ? throw new HallConfigException(Join(path, name), $"'{name}' must not be empty (leave it out instead)")
            : value.Trim();
    }

    private static int? OptionalNonNegativeInt(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n) || n < 0)
        {
            throw new HallConfigException(Join(path, name), $"'{name}' must be a whole number of at least 0");
        }

        return n;
    }

    private static bool? OptionalBool(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new HallConfigException(Join(path, name), $"'{name}' must be true or false"),
        };
    }

    private static int? OptionalPositiveInt(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n) || n < 1)
        {
            throw new HallConfigException(Join(path, name), $"'{name}' must be a whole number of at least 1");
        }

        return n;
    }

    private static double? OptionalPositiveNumber(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var n) || !(n > 0) || double.IsInfinity(n))
        {
            throw new HallConfigException(Join(path, name), $"'{name}' must be a number greater than 0");
        }

        return n;
    }

    private static List<JsonElement> RequiredArray(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            throw new HallConfigException(Join(path, name), $"missing required field '{name}'");
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new HallConfigException(Join(path, name), $"'{name}' must be an array");
        }

        return v.EnumerateArray().ToList();
    }

    private static void Unique(IEnumerable<string> existing, string value, string field, string what)
    {
        if (existing.Contains(value, StringComparer.Ordinal))
        {
            throw new HallConfigException(field, $"duplicate {what} '{value}'");
        }
    }

    private static string Join(string path, string name) => path == "$" ? name : string.Create(CultureInfo.InvariantCulture, $"{path}.{name}");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{1,2}$")]
    private static partial Regex PrefixPattern();
}
