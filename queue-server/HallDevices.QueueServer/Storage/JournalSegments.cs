using System.Buffers;
using System.Globalization;
using System.Text.Json;
using HallDevices.Queueing.Engine;

namespace HallDevices.QueueServer.Storage;

/// <summary>
/// The journal files of one hall as they are written: <c>{hallId}.journal.{first record number,
/// 12 digits}</c> beside the database, one <see cref="JournalRecord"/> per line, a new file once
/// the current one would pass the segment size. Files leave (<see cref="TakeApplied"/>) once the
/// database holds every record in them.
/// </summary>
/// <remarks>
/// <see cref="Append"/> is called by one thread at a time (the store's append lock);
/// <see cref="TakeApplied"/> may run beside it on a writer thread.
/// </remarks>
internal sealed class JournalSegments : IDisposable
{
    private readonly long _segmentBytes;
    private readonly Lock _files = new();
    private readonly Queue<(long First, string Path)> _segments = new();
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _json;
    private FileStream _current;

    /// <summary>Starts a new file for records from <paramref name="first"/> on.</summary>
    public JournalSegments(string prefix, long segmentBytes, long first)
    {
        Prefix = prefix;
        _segmentBytes = segmentBytes;
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = LiteHallStore.Json.Encoder });
        _current = Open(first);
    }

    /// <summary>The journal files' path up to the record number: <c>/dir/{hallId}.journal.</c>.</summary>
    public string Prefix { get; }

    /// <summary>A failed write could not be undone: the file may end in a torn line, so nothing more may be appended.</summary>
    public bool Broken { get; private set; }

    /// <summary>The prefix of the journal files of the database at <paramref name="databasePath"/>.</summary>
    public static string PrefixFor(string databasePath)
    {
        var full = Path.GetFullPath(databasePath);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".journal.");
    }

    /// <summary>The file that starts with record <paramref name="first"/>.</summary>
    public static string FileName(string prefix, long first) => prefix + first.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>The journal files on disk, oldest first (files whose name does not end in a number are not the journal's).</summary>
    public static List<(string Path, long First)> Find(string prefix) =>
        Directory.GetFiles(Path.GetDirectoryName(prefix)!, Path.GetFileName(prefix) + "*")
            .Select(f => (Path: f, First: long.TryParse(f.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
            .Where(f => f.First >= 0)
            .OrderBy(f => f.First)
            .ToList();

    /// <summary>
    /// Writes <paramref name="change"/> as record <paramref name="number"/> with one <c>write(2)</c>,
    /// so it is in the kernel when this returns. On an <see cref="IOException"/> the file is as it was
    /// (or, when even that fails, <see cref="Broken"/>).
    /// </summary>
    public void Append(long number, HallChange change)
    {
        _line.ResetWrittenCount();
        _json.Reset(_line);
        JsonSerializer.Serialize(_json, JournalRecord.Of(number, change), LiteHallStore.Json);
        _line.Write("\n"u8);
        if (_current.Position > 0 && _current.Position + _line.WrittenCount > _segmentBytes)
        {
            // The new file first: if it cannot be opened, the current one stays in use.
            var next = Open(number);
            _current.Dispose();
            _current = next;
        }

        var before = _current.Position;
        try
        {
            _current.Write(_line.WrittenSpan);
        }
        catch (IOException)
        {
            // Leave no half line behind, or the next start would read it as damage mid-journal;
            // if even that fails, take no more changes rather than append after a torn line.
            try
            {
                _current.SetLength(before);
                _current.Position = before;
            }
            catch (IOException)
            {
                Broken = true;
            }

            throw;
        }
    }

    /// <summary>
    /// Removes from the list, and returns, the files whose records are all ≤ <paramref name="applied"/>:
    /// never the one being written, unless <paramref name="everything"/> (the store closing, when
    /// <paramref name="last"/> is the last record written). Deleting them is the caller's job.
    /// </summary>
    public List<string> TakeApplied(long applied, bool everything, long last)
    {
        List<string> done = [];
        lock (_files)
        {
            while (_segments.Count > (everything ? 0 : 1))
            {
                var next = _segments.Count > 1 ? _segments.ElementAt(1).First : last + 1;
                if (next - 1 > applied)
                {
                    break;
                }

                done.Add(_segments.Dequeue().Path);
            }
        }

        return done;
    }

    /// <summary>Closes the file being written (it stays on disk).</summary>
    public void Dispose()
    {
        _current.Dispose();
        _json.Dispose();
    }

    private FileStream Open(long first)
    {
        var path = FileName(Prefix, first);

        // bufferSize 0: every Write is one write(2), so a returned Commit is in the kernel.
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        lock (_files)
        {
            _segments.Enqueue((first, path));
        }

        return stream;
    }
}
