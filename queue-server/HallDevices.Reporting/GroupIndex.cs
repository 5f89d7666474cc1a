using System.Runtime.CompilerServices;

namespace HallDevices.Reporting;

/// <summary>
/// Ids of one kind of group (queues, services, counters, staff) as dense indexes: the hall
/// catalogue's first, in its order, then ids the log names that the hall file no longer has.
/// </summary>
internal sealed class GroupIndex
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    // Read logs hand out one string per id (Utf8StringPool), so most lookups end here, without hashing the text.
    private readonly Dictionary<object, int> _byReference = new(ReferenceEqualityComparer.Instance);
    private readonly List<(string Id, string Name)> _groups = [];

    public GroupIndex(IEnumerable<(string Id, string Name)> catalogue)
    {
        foreach (var (id, name) in catalogue)
        {
            if (_index.TryAdd(id, _groups.Count))
            {
                _groups.Add((id, name));
            }
        }
    }

    /// <summary>The index of <paramref name="id"/>, added when new; -1 for none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(string? id)
    {
        if (id is null)
        {
            return -1;
        }

        if (_byReference.TryGetValue(id, out var i))
        {
            return i;
        }

        if (!_index.TryGetValue(id, out i))
        {
            i = _groups.Count;
            _index[id] = i;
            _groups.Add((id, id));
        }

        if (_byReference.Count < 1024)
        {
            _byReference[id] = i;
        }

        return i;
    }

    /// <summary>One empty tally per group, by index.</summary>
    public List<GroupTally> Tallies() => _groups.Select(g => new GroupTally(g.Id, g.Name)).ToList();
}
