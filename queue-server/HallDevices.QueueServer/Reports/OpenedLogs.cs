using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.QueueServer.Reports;

/// <summary>
/// Imported halls of a district, each with its events read from the files that hold them (several
/// exports of one hall merged by sequence, each event once); disposing closes the files.
/// </summary>
public sealed class OpenedLogs : IDisposable
{
    private readonly List<Stream> _files = [];

    /// <summary>The imported halls and their events, streamed from the files as they are enumerated.</summary>
    public List<(HallDefinition Hall, IEnumerable<HallEvent> Events)> Halls { get; } = [];

    /// <summary>Keeps <paramref name="file"/> open until <see cref="Dispose"/>.</summary>
    internal Stream Own(Stream file)
    {
        _files.Add(file);
        return file;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var f in _files)
        {
            f.Dispose();
        }

        _files.Clear();
    }

    /// <summary>Several logs of one hall, oldest first, each sequence once (exports of overlapping periods share events).</summary>
    internal static IEnumerable<HallEvent> Merge(IReadOnlyList<IEnumerable<HallEvent>> logs)
    {
        if (logs.Count == 1)
        {
            foreach (var e in logs[0])
            {
                yield return e;
            }

            yield break;
        }

        var heads = new PriorityQueue<IEnumerator<HallEvent>, long>();
        var all = new List<IEnumerator<HallEvent>>();
        try
        {
            foreach (var log in logs)
            {
                var e = log.GetEnumerator();
                all.Add(e);
                if (e.MoveNext())
                {
                    heads.Enqueue(e, e.Current.Sequence);
                }
            }

            var last = long.MinValue;
            while (heads.TryDequeue(out var e, out _))
            {
                if (e.Current.Sequence > last)
                {
                    last = e.Current.Sequence;
                    yield return e.Current;
                }

                if (e.MoveNext())
                {
                    heads.Enqueue(e, e.Current.Sequence);
                }
            }
        }
        finally
        {
            foreach (var e in all)
            {
                e.Dispose();
            }
        }
    }
}
