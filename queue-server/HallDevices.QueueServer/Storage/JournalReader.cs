using System.Text.Json;

namespace HallDevices.QueueServer.Storage;

/// <summary>What <see cref="JournalReader.Next"/> found.</summary>
internal enum JournalRead
{
    /// <summary>A whole record.</summary>
    Record,

    /// <summary>The end of the file, after a whole line.</summary>
    End,

    /// <summary>The file ends inside a line: a record whose write never returned, or damage.</summary>
    CutShort,
}

/// <summary>Reads the records of one journal file (see <see cref="JournalRecord"/>), line by line.</summary>
/// <param name="bytes">The whole file.</param>
internal ref struct JournalReader(ReadOnlySpan<byte> bytes)
{
    private ReadOnlySpan<byte> _rest = bytes;

    /// <summary>The line last read, from 1.</summary>
    public int Line { get; private set; }

    /// <summary>Bytes not read yet (after <see cref="JournalRead.CutShort"/>: the unfinished line).</summary>
    public readonly int Remaining => _rest.Length;

    /// <summary>
    /// Reads the next line. Throws <see cref="JsonException"/> or <see cref="NotSupportedException"/>
    /// (an event type it does not know: a damaged discriminator) when the line is not a record.
    /// </summary>
    public JournalRead Next(out JournalRecord? record)
    {
        record = null;
        if (_rest.IsEmpty)
        {
            return JournalRead.End;
        }

        Line++;
        var end = _rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            return JournalRead.CutShort;
        }

        record = JsonSerializer.Deserialize<JournalRecord>(_rest[..end], LiteHallStore.Json) ?? throw new JsonException("null record");
        _rest = _rest[(end + 1)..];
        return JournalRead.Record;
    }
}
