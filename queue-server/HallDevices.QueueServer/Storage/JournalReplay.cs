using System.Text.Json;
using HallDevices.Queueing.Engine;

namespace HallDevices.QueueServer.Storage;

/// <summary>
/// Start-up: applies the journal records the database does not hold yet
/// (<see cref="LiteHallStore.JournalApplied"/>), then removes the journal files.
/// </summary>
/// <remarks>
/// A record cut short at the very end of the journal was never acknowledged (its write did not
/// return) and is dropped with a warning; damage anywhere else stops start-up with the file and
/// line named, after everything before it is in the database.
/// </remarks>
internal static class JournalReplay
{
    /// <summary>Changes per database transaction while replaying.</summary>
    internal const int Batch = DatabaseWriter.MaxBatch;

    /// <summary>Replays the journal at <paramref name="prefix"/> into <paramref name="db"/>; returns the last record number.</summary>
    public static long Run(LiteHallStore db, string prefix, ILogger log)
    {
        var applied = db.JournalApplied;
        var files = JournalSegments.Find(prefix);
        var batch = new List<HallChange>(Batch);
        var last = applied;

        // A damaged line stops start-up, but only after everything before it is in the database,
        // so the message can say exactly where the hall's history stops.
        InvalidDataException Damaged(string file, int line, string why)
        {
            if (batch.Count > 0)
            {
                db.Apply(batch, last);
                batch.Clear();
            }

            return new InvalidDataException(
                $"hall journal {file} line {line} is damaged ({why}). The database now holds every change up to journal record {last}; "
                + $"to start without the changes from that line on, cut the file before line {line} and move any later {Path.GetFileName(prefix)}* files aside.");
        }

        for (var f = 0; f < files.Count; f++)
        {
            // A file whose records are all in the database already (left when a delete failed) is
            // not even read: damage in it cannot matter.
            if (f + 1 < files.Count && files[f + 1].First - 1 <= applied)
            {
                continue;
            }

            var reader = new JournalReader(File.ReadAllBytes(files[f].Path));
            while (true)
            {
                JournalRead read;
                JournalRecord? record;
                try
                {
                    read = reader.Next(out record);
                }
                catch (Exception e) when (e is JsonException or NotSupportedException)
                {
                    // NotSupportedException: an event whose type discriminator was damaged.
                    throw Damaged(files[f].Path, reader.Line, e.Message);
                }

                if (read == JournalRead.End)
                {
                    break;
                }

                if (read == JournalRead.CutShort)
                {
                    if (f == files.Count - 1)
                    {
                        log.LogWarning(
                            "Journal {File} ends in a record cut short at line {Line} ({Bytes} bytes): it was never acknowledged and is dropped",
                            Path.GetFileName(files[f].Path), reader.Line, reader.Remaining);
                        break;
                    }

                    throw Damaged(files[f].Path, reader.Line, "the record is cut short");
                }

                if (record!.N <= applied)
                {
                    continue;
                }

                if (record.N != last + 1)
                {
                    throw Damaged(files[f].Path, reader.Line, $"record {record.N} follows record {last}: records are missing");
                }

                batch.Add(record.ToChange());
                last = record.N;
                if (batch.Count == Batch)
                {
                    db.Apply(batch, last);
                    batch.Clear();
                }
            }
        }

        if (batch.Count > 0)
        {
            db.Apply(batch, last);
        }

        if (last > applied)
        {
            log.LogInformation("Applied {Count} journal record(s) to {Database} that it did not hold yet", last - applied, db.FilePath);
        }

        if (files.Count > 0)
        {
            // On disk before the journal goes (see DatabaseWriter's deleting of applied files).
            db.Checkpoint();
        }

        foreach (var (path, _) in files)
        {
            File.Delete(path);
        }

        return last;
    }
}
