using HallDevices.Contracts;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Halls;

namespace HallDevices.QueueServer.Mqtt;

/// <summary>
/// The board of one hall: the latest calls (kept from the event stream, restored from the log on
/// start) plus waiting counts read from the engine when the board is composed.
/// </summary>
public sealed class HallBoard(HallRuntime hall, int size = 10)
{
    private static readonly HashSet<string> CallTypes = [EventTypes.TicketCalled, EventTypes.TicketRecalled];
    private readonly LinkedList<BoardCall> _calls = new();

    /// <summary>Loads the latest calls from the hall's log.</summary>
    public void Restore()
    {
        _calls.Clear();
        foreach (var e in hall.Store.Latest(CallTypes, size).Reverse())
        {
            Apply(e);
        }
    }

    /// <summary>Takes a call or recall into the list of latest calls; other events are ignored.</summary>
    public void Apply(HallEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var call = e switch
        {
            TicketCalled c => new BoardCall(c.Number, c.CounterId, CounterName(c.CounterId), Local(c.At), false),
            TicketRecalled r => new BoardCall(r.Number, r.CounterId, CounterName(r.CounterId), Local(r.At), true),
            _ => null,
        };
        if (call is null)
        {
            return;
        }

        // A recall moves the call back to the top instead of listing the number twice.
        var same = _calls.FirstOrDefault(x => x.Ticket == call.Ticket && x.CounterId == call.CounterId);
        if (same is not null)
        {
            _calls.Remove(same);
        }

        _calls.AddFirst(call);
        while (_calls.Count > size)
        {
            _calls.RemoveLast();
        }
    }

    /// <summary>Composes the board message now.</summary>
    public BoardMessage Compose(DateTimeOffset now)
    {
        var def = hall.Hall;
        var queues = hall.Engine.Queues().Select(q =>
        {
            var queue = def.FindQueue(q.QueueId)!;
            return new BoardQueue(q.QueueId, queue.Name, queue.Prefix, q.Waiting, q.EstimatedWaitMinutes);
        }).ToList();
        return new BoardMessage(def.Id, def.Name, _calls.ToList(), queues, Local(now), hall.Engine.LastSequence)
        {
            Popular = [.. hall.Engine.MostIssuedToday(BoardMessage.PopularSize).Select(p => new BoardServiceCount(p.Key, p.Value))],
        };
    }

    /// <summary>The retained state message of one counter.</summary>
    public CounterStateMessage CounterState(CounterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var info = HallRequests.ToInfo(state);
        return new CounterStateMessage(state.CounterId, CounterName(state.CounterId), info.Status, state.TicketNumber, state.StaffId, Local(state.Since));
    }

    /// <summary>The retained catalogue: one source for every screen and kiosk.</summary>
    public CatalogMessage Catalog() => CatalogMessages.Catalog(hall.Hall);

    private string CounterName(string counterId) => hall.Hall.FindCounter(counterId)?.Name ?? counterId;

    private DateTimeOffset Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, hall.Hall.TimeZone);
}
