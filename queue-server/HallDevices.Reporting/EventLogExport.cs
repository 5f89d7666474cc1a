using System.Globalization;
using System.Text.Json;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Reporting;

/// <summary>
/// A hall's event log as a file another server can import (JSON lines, docs/reports.md): line 1
/// is the header <c>{"type":"hall-export","version":1,"hall":{…hall file…},"period":{"from":…,"to":…},"exportedAt":…}</c>,
/// then one event per line as the hall store keeps it (<see cref="ReportJson.Events"/>), in
/// sequence order. UTF-8 without BOM, <c>\n</c> line ends.
/// </summary>
public static class EventLogExport
{
    /// <summary>The header's <c>type</c>.</summary>
    public const string HeaderType = "hall-export";

    /// <summary>The format version written and read.</summary>
    public const int Version = 1;

    /// <summary>Longest line read (the header carries the hall file), in bytes.</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private static readonly JsonDocumentOptions HallFileReading = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Writes an export, stamped with the current time.</summary>
    /// <exception cref="HallConfigException">The hall file is not a valid hall.</exception>
    public static void Write(string hallFileJson, ReportPeriod? period, IEnumerable<HallEvent> events, Stream s) =>
        Write(hallFileJson, period, events, s, TimeProvider.System);

    /// <summary>
    /// Writes an export: the header with <paramref name="hallFileJson"/> (checked, comments dropped)
    /// and <paramref name="period"/>, then <paramref name="events"/> as they come, one per line.
    /// </summary>
    /// <exception cref="HallConfigException">The hall file is not a valid hall.</exception>
    public static void Write(string hallFileJson, ReportPeriod? period, IEnumerable<HallEvent> events, Stream s, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(hallFileJson);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(time);

        // Refuse to write what Read would refuse: the receiving district must be able to parse the hall.
        var hall = HallFile.Parse(hallFileJson);
        var options = ReportJson.Events;
        using var writer = new Utf8JsonWriter(s, new JsonWriterOptions { Encoder = options.Encoder });
        using (var doc = JsonDocument.Parse(hallFileJson, HallFileReading))
        {
            writer.WriteStartObject();
            writer.WriteString("type", HeaderType);
            writer.WriteNumber("version", Version);
            writer.WritePropertyName("hall");
            doc.RootElement.WriteTo(writer);
            if (period is null)
            {
                writer.WriteNull("period");
            }
            else
            {
                writer.WriteStartObject("period");
                writer.WriteString("from", Day(period.From));
                writer.WriteString("to", Day(period.To));
                writer.WriteEndObject();
            }

            var now = time.GetUtcNow();
            writer.WriteString("exportedAt", now.ToOffset(hall.TimeZone.GetUtcOffset(now)));
            writer.WriteEndObject();
        }

        EndLine(writer, s);
        foreach (var e in events)
        {
            JsonSerializer.Serialize(writer, e, options);
            EndLine(writer, s);
        }

        s.Flush();
    }

    /// <summary>
    /// Reads an export: the header now (the hall parsed with <see cref="HallFile.Parse"/>), the events
    /// as <see cref="ExportedLog.Events"/> is enumerated, one line at a time, never all in memory.
    /// The stream must stay open until then. Events must be of the header's hall, in rising sequence.
    /// </summary>
    /// <exception cref="EventLogFormatException">A bad header (line 1); for an event line, when it is reached.</exception>
    public static ExportedLog Read(Stream s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var reader = new LineReader(s, MaxLineBytes);
        if (!reader.TryRead(out var headerLine))
        {
            throw new EventLogFormatException(1, "empty file: expected the hall-export header");
        }

        var header = ReadHeader(headerLine);
        var consumed = 0;
        IEnumerable<HallEvent> Once()
        {
            if (Interlocked.Exchange(ref consumed, 1) != 0)
            {
                throw new InvalidOperationException("an exported log's events can be read once (they stream from the file)");
            }

            return ReadEvents(reader, header.Hall.Id);
        }

        return new ExportedLog(header.Hall, header.HallJson, new OnceEnumerable(Once)) { Period = header.Period, ExportedAt = header.ExportedAt };
    }

    private static (HallDefinition Hall, string HallJson, ReportPeriod? Period, DateTimeOffset? ExportedAt) ReadHeader(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != HeaderType)
            {
                throw new EventLogFormatException(1, $"not a hall export: the first line must be the header {{\"type\":\"{HeaderType}\",...}}");
            }

            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var v) || v != Version)
            {
                throw new EventLogFormatException(1, $"unsupported export version {(root.TryGetProperty("version", out var given) ? given.GetRawText() : "(none)")}; this server reads version {Version}");
            }

            if (!root.TryGetProperty("hall", out var hallElement) || hallElement.ValueKind != JsonValueKind.Object)
            {
                throw new EventLogFormatException(1, "the header has no hall object");
            }

            var hallJson = hallElement.GetRawText();
            HallDefinition hall;
            try
            {
                hall = HallFile.Parse(hallJson);
            }
            catch (HallConfigException e)
            {
                throw new EventLogFormatException(1, $"the header's hall file is invalid at {e.Field}: {e.Reason}", e);
            }

            return (hall, hallJson, ReadPeriod(root), ReadExportedAt(root));
        }
        catch (JsonException e)
        {
            throw new EventLogFormatException(1, $"the header is not valid JSON: {e.Message}", e);
        }
    }

    private static ReportPeriod? ReadPeriod(JsonElement root)
    {
        if (!root.TryGetProperty("period", out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string? Text(string name) => p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var (from, to) = (Text("from"), Text("to"));
        if (from is null || to is null)
        {
            throw new EventLogFormatException(1, "the header's period must be {\"from\":\"YYYY-MM-DD\",\"to\":\"YYYY-MM-DD\"} or null");
        }

        return ReportPeriod.TryParse(null, null, from, to, out var period, out var error)
            ? period
            : throw new EventLogFormatException(1, $"the header's period: {error}");
    }

    private static DateTimeOffset? ReadExportedAt(JsonElement root) =>
        root.TryGetProperty("exportedAt", out var at) && at.ValueKind == JsonValueKind.String
            ? at.TryGetDateTimeOffset(out var when) ? when : throw new EventLogFormatException(1, "the header's exportedAt is not a date and time")
            : null;

    private static IEnumerable<HallEvent> ReadEvents(LineReader reader, string hallId)
    {
        var options = ReportJson.Events;
        var pool = new Utf8StringPool();
        long lastSequence = 0;
        while (reader.TryRead(out var line))
        {
            if (line.Span.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            // The store's own form is read by hand; anything else by the serializer, which also words the errors.
            HallEvent? e;
            try
            {
                if (!FastEventReader.TryRead(line.Span, pool, out e))
                {
                    e = JsonSerializer.Deserialize<HallEvent>(line.Span, options);
                }
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                throw new EventLogFormatException(reader.LineNumber, $"not a hall event: {ex.Message}", ex);
            }

            if (e is null)
            {
                throw new EventLogFormatException(reader.LineNumber, "not a hall event: null");
            }

            if (e.HallId != hallId)
            {
                throw new EventLogFormatException(reader.LineNumber, $"an event of hall '{e.HallId}' in the export of hall '{hallId}'");
            }

            if (e.Sequence <= lastSequence)
            {
                throw new EventLogFormatException(reader.LineNumber, $"sequence {e.Sequence.ToString(CultureInfo.InvariantCulture)} after {lastSequence.ToString(CultureInfo.InvariantCulture)}: events must be in rising sequence order");
            }

            lastSequence = e.Sequence;
            yield return e;
        }
    }

    private static void EndLine(Utf8JsonWriter writer, Stream s)
    {
        writer.Flush();
        s.WriteByte((byte)'\n');
        writer.Reset();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An enumerable whose enumerations all go to one factory (which allows only one).</summary>
    private sealed class OnceEnumerable(Func<IEnumerable<HallEvent>> open) : IEnumerable<HallEvent>
    {
        public IEnumerator<HallEvent> GetEnumerator() => open().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
