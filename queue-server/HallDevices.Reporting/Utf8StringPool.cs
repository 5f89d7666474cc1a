using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace HallDevices.Reporting;

/// <summary>
/// One string per distinct short UTF-8 value (hall, queue, service, counter and staff ids, channels,
/// actions): a log repeats a few dozen of them in every line, so reading them once saves most of
/// the reader's allocations. Bounded: once full, further values are simply decoded.
/// </summary>
internal sealed class Utf8StringPool
{
    private const int Capacity = 4096; // a power of two; at most half used
    private const int MaxLength = 64;
    private readonly byte[]?[] _keys = new byte[Capacity][];
    private readonly string[] _values = new string[Capacity];
    private readonly byte[]?[] _lastKeys = new byte[64][];
    private readonly string[] _lastValues = new string[64];
    private int _count;

    /// <summary>
    /// The one string of a value that repeats all through the log (ids of the hall's queues, counters,
    /// staff); false when the bytes are not valid UTF-8 (the serializer then refuses the line).
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? value)
    {
        (value, _) = Lookup(utf8);
        return value is not null;
    }

    /// <summary>
    /// Like <see cref="TryGet(ReadOnlySpan{byte}, out string?)"/>, first trying the value
    /// <paramref name="slot"/> (a property, 0–63) had last time: a hall's id is the same in every
    /// line, a counter's comes in runs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(int slot, ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? value)
    {
        if (_lastKeys[slot] is { } last && utf8.SequenceEqual(last))
        {
            value = _lastValues[slot];
            return true;
        }

        (value, var key) = Lookup(utf8);
        _lastKeys[slot] = key;
        _lastValues[slot] = value!;
        return value is not null;
    }

    /// <summary>Decodes strict UTF-8 (as the serializer does: invalid bytes are refused, not replaced).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? value)
    {
        value = Utf8.IsValid(utf8) ? Encoding.UTF8.GetString(utf8) : null;
        return value is not null;
    }

    /// <summary>The value's string (null when not valid UTF-8) and, when pooled, its key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (string? Value, byte[]? Key) Lookup(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return (TryDecode(utf8, out var text) ? text : null, null);
        }

        var i = (int)(Hash(utf8) & (Capacity - 1));
        while (_keys[i] is { } key)
        {
            if (utf8.SequenceEqual(key))
            {
                return (_values[i], key);
            }

            i = (i + 1) & (Capacity - 1);
        }

        if (!TryDecode(utf8, out var value))
        {
            return (null, null);
        }

        if (_count >= Capacity / 2)
        {
            return (value, null);
        }

        var added = utf8.ToArray();
        _keys[i] = added;
        _values[i] = value;
        _count++;
        return (value, added);
    }

    // The last eight bytes and the length: ids differ at their ends (20261103-A001, town01-s3), and a
    // collision only costs a comparison. Cheaper than hashing every byte, which showed in profiles.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        ulong tail = 0;
        var from = Math.Max(0, utf8.Length - 8);
        for (var i = from; i < utf8.Length; i++)
        {
            tail = (tail << 8) | utf8[i];
        }

        return (uint)(((tail ^ (ulong)utf8.Length) * 0x9E3779B97F4A7C15UL) >> 32);
    }
}
