using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>
/// What the engine counts per service day (the hall's local date): today's printed numbers, the last
/// number of each queue's series, and the tickets each service and each person took (voided ones
/// not counted). Numbers restart at 001 and limits reset when <see cref="StartDay"/> is called.
/// </summary>
/// <param name="hall">The hall, for its queues' number prefixes.</param>
/// <param name="day">The service day counted.</param>
internal sealed class DayTally(HallDefinition hall, DateOnly day)
{
    private readonly Dictionary<string, string> _byNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lastSequence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _issuedPerService = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Service, string IdHash), int> _issuedPerPerson = [];

    /// <summary>The service day counted.</summary>
    public DateOnly Day { get; private set; } = day;

    /// <summary>The id of today's ticket with that printed number.</summary>
    public bool TryFind(string number, out string ticketId) => _byNumber.TryGetValue(number, out ticketId!);

    /// <summary>The number within the queue's series that the next ticket of <paramref name="queueId"/> gets.</summary>
    public int NextSequence(string queueId) => _lastSequence.GetValueOrDefault(queueId) + 1;

    /// <summary>Tickets of the service standing today (issued, not voided).</summary>
    public int IssuedFor(string serviceId) => _issuedPerService.GetValueOrDefault(serviceId);

    /// <summary>The <paramref name="count"/> services with most tickets standing today (none with 0), most first, ties in id order.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> MostIssued(int count) =>
        [.. _issuedPerService.Where(p => p.Value > 0).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count)];

    /// <summary>Tickets of the service standing today for one person (by the keyed hash of the ID number).</summary>
    public int IssuedTo(string serviceId, string idHash) => _issuedPerPerson.GetValueOrDefault((serviceId, idHash));

    /// <summary>
    /// Counts a new version <paramref name="t"/> of a ticket whose previous version was
    /// <paramref name="old"/> (null for a new ticket). Tickets of other days are not counted.
    /// </summary>
    public void Count(Ticket? old, Ticket t)
    {
        if (t.ServiceDay != Day)
        {
            return;
        }

        _byNumber[t.Number] = t.Id;
        if (old is null)
        {
            // A ticket transferred to another queue keeps its number: its series is its prefix's queue.
            var queuePrefix = hall.FindQueue(OriginalQueue(t))?.Id ?? t.QueueId;
            _lastSequence[queuePrefix] = Math.Max(_lastSequence.GetValueOrDefault(queuePrefix), t.Sequence);
        }

        var counted = t.Status != TicketStatus.Voided;
        var wasCounted = old is not null && old.Status != TicketStatus.Voided;
        if (counted != wasCounted)
        {
            var delta = counted ? 1 : -1;
            _issuedPerService[t.ServiceId] = _issuedPerService.GetValueOrDefault(t.ServiceId) + delta;
            if (t.IdHash is { } hash)
            {
                _issuedPerPerson[(t.ServiceId, hash)] = _issuedPerPerson.GetValueOrDefault((t.ServiceId, hash)) + delta;
            }
        }
    }

    /// <summary>Starts counting <paramref name="today"/> from nothing.</summary>
    public void StartDay(DateOnly today)
    {
        Day = today;
        _byNumber.Clear();
        _lastSequence.Clear();
        _issuedPerService.Clear();
        _issuedPerPerson.Clear();
    }

    /// <summary>The queue whose number series a ticket belongs to: the queue with its prefix.</summary>
    private string OriginalQueue(Ticket t)
    {
        var prefix = t.Number.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        return hall.Queues.FirstOrDefault(q => q.Prefix == prefix)?.Id ?? t.QueueId;
    }
}
