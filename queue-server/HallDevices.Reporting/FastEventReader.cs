using System.Runtime.CompilerServices;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Reporting;

/// <summary>
/// Reads one event line of the store's JSON straight into its record, several times faster than
/// the general serializer (a month of a district is 1.5 M lines). It takes only the exact form the
/// store writes — one flat object, no whitespace, the type first, its known camelCase properties,
/// strings without escapes, no nulls — and declines anything else, which then goes to
/// <see cref="System.Text.Json.JsonSerializer"/> with <see cref="ReportJson.Events"/>. So it never
/// reads a line differently: what it accepts is valid JSON the serializer reads to the same record,
/// and a property added to an event later is simply read the slow way until it is added here.
/// </summary>
internal static class FastEventReader
{
    /// <summary>The event, or false to let the serializer read (or reject) the line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(ReadOnlySpan<byte> line, Utf8StringPool pool, out HallEvent? result)
    {
        result = null;
        var s = line.TrimEnd(" \t"u8);
        if (!s.StartsWith("{\"type\":\""u8) || s[^1] != '}')
        {
            return false;
        }

        var i = 9;
        if (!String(s, ref i, out var type))
        {
            return false;
        }

        var kind = EventFields.KindOf(type);
        if (kind == EventKind.Unknown)
        {
            return false;
        }

        var f = default(EventFields);
        var allowed = EventFields.Allowed(kind);
        while (s[i] == ',')
        {
            i++;
            if (s[i] != '"')
            {
                return false;
            }

            i++;
            if (!String(s, ref i, out var name) || s[i] != ':')
            {
                return false;
            }

            i++;
            var field = EventFields.FieldOf(name);
            if ((allowed & field) == 0 || (f.Seen & field) != 0 || !Value(s, ref i, out var kindOfValue, out var raw)
                || !f.Set(field, new LineValue(kindOfValue, raw), pool))
            {
                return false;
            }

            f.Seen |= field;
        }

        if (s[i] != '}' || i != s.Length - 1)
        {
            return false;
        }

        result = f.Build(kind);
        return result is not null;
    }

    /// <summary>A string's content from just after its opening quote; <paramref name="i"/> ends after the closing one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool String(ReadOnlySpan<byte> s, ref int i, out ReadOnlySpan<byte> content)
    {
        // A plain loop: the strings are short (ids, numbers, instants), where vector searches cost more than they save.
        content = default;
        for (var k = i; k < s.Length; k++)
        {
            var b = s[k];
            if (b == '"')
            {
                content = s[i..k];
                i = k + 1;
                return i < s.Length;
            }

            if (b == '\\' || b < 0x20)
            {
                return false; // an escape (the serializer unescapes) or a raw control character (JSON forbids it)
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Value(ReadOnlySpan<byte> s, ref int i, out LineValueKind kind, out ReadOnlySpan<byte> raw)
    {
        raw = default;
        kind = LineValueKind.String;
        switch (s[i])
        {
            case (byte)'"':
                i++;
                return String(s, ref i, out raw);
            case (byte)'t' when s[i..].StartsWith("true"u8):
                kind = LineValueKind.True;
                i += 4;
                return true;
            case (byte)'f' when s[i..].StartsWith("false"u8):
                kind = LineValueKind.False;
                i += 5;
                return true;
            case (byte)'[':
                kind = LineValueKind.StringArray;
                var start = ++i;
                if (s[i] != ']')
                {
                    while (true)
                    {
                        if (s[i] != '"')
                        {
                            return false;
                        }

                        i++;
                        if (!String(s, ref i, out _))
                        {
                            return false;
                        }

                        if (s[i] == ']')
                        {
                            break;
                        }

                        if (s[i] != ',')
                        {
                            return false;
                        }

                        i++;
                    }
                }

                raw = s[start..i];
                i++;
                return i < s.Length;
            case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                kind = LineValueKind.Number;
                var from = i;
                if (!Number(s, ref i))
                {
                    return false;
                }

                raw = s[from..i];
                return i < s.Length;
            default:
                return false; // null, an object, anything else
        }
    }

    /// <summary>JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Number(ReadOnlySpan<byte> s, ref int i)
    {
        if (s[i] == '-')
        {
            i++;
        }

        if (s[i] == '0')
        {
            i++;
        }
        else if (!Digits(s, ref i))
        {
            return false;
        }

        if (s[i] == '.')
        {
            i++;
            if (!Digits(s, ref i))
            {
                return false;
            }
        }

        if (s[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (!Digits(s, ref i))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Digits(ReadOnlySpan<byte> s, ref int i)
    {
        var start = i;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            i++;
        }

        return i > start && i < s.Length;
    }
}
