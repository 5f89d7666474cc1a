using System.Text.Json.Serialization;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Halls;

namespace HallDevices.QueueServer.Mqtt;

/// <summary>One call on the board.</summary>
/// <param name="Ticket">Number called.</param>
/// <param name="CounterId">Counter.</param>
/// <param name="CounterName">Counter display name.</param>
/// <param name="At">When.</param>
/// <param name="Recall">True for a re-announcement.</param>
public sealed record BoardCall(string Ticket, string CounterId, string CounterName, DateTimeOffset At, bool Recall);

/// <summary>Waiting figures of one queue on the board.</summary>
/// <param name="QueueId">Queue.</param>
/// <param name="QueueName">Display name.</param>
/// <param name="Prefix">Ticket prefix.</param>
/// <param name="Waiting">Tickets waiting.</param>
/// <param name="EstimatedWaitMinutes">Estimate for a ticket issued now.</param>
public sealed record BoardQueue(string QueueId, string QueueName, string Prefix, int Waiting, int EstimatedWaitMinutes);

/// <summary>The retained <c>hall/{hallId}/board</c> message.</summary>
/// <param name="HallId">Hall.</param>
/// <param name="HallName">Hall display name.</param>
/// <param name="Calls">Latest calls, newest first.</param>
/// <param name="Waiting">Per queue.</param>
/// <param name="UpdatedAt">When the server composed it.</param>
/// <param name="Sequence">Last event sequence it reflects.</param>
public sealed record BoardMessage(string HallId, string HallName, IReadOnlyList<BoardCall> Calls, IReadOnlyList<BoardQueue> Waiting, DateTimeOffset UpdatedAt, long Sequence);

/// <summary>The retained <c>hall/{hallId}/counters/{counterId}/state</c> message.</summary>
/// <param name="CounterId">Counter.</param>
/// <param name="CounterName">Display name.</param>
/// <param name="Status"><c>closed</c> <c>idle</c> <c>serving</c> <c>paused</c>.</param>
/// <param name="Ticket">Number being served.</param>
/// <param name="StaffId">Who is signed in.</param>
/// <param name="Since">Since when.</param>
public sealed record CounterStateMessage(
    string CounterId,
    string CounterName,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Ticket,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? StaffId,
    DateTimeOffset Since);

/// <summary>
/// The board of one hall: the latest calls (kept from the event stream, restored from the log on
/// start) plus waiting counts read from the engine when the board is composed.
/// </summary>
public sealed class HallBoard(HallRuntime hall, int size = 10)
{
    private static readonly HashSet<string> CallTypes = ["ticket-called", "ticket-recalled"];
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
        return new BoardMessage(def.Id, def.Name, _calls.ToList(), queues, Local(now), hall.Engine.LastSequence);
    }

    /// <summary>The retained state message of one counter.</summary>
    public CounterStateMessage CounterState(CounterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var info = HallRequests.ToInfo(state);
        return new CounterStateMessage(state.CounterId, CounterName(state.CounterId), info.Status, state.TicketNumber, state.StaffId, Local(state.Since));
    }

    /// <summary>The retained catalogue: one source for every screen and kiosk.</summary>
    public object Catalog() => new
    {
        hallId = hall.Hall.Id,
        name = hall.Hall.Name,
        timeZone = hall.Hall.TimeZone.Id,
        queues = hall.Hall.Queues.Select(q => new { id = q.Id, prefix = q.Prefix, name = q.Name }),
        services = hall.Hall.Services.Select(s => new
        {
            id = s.Id, name = s.Name, queueId = s.QueueId, needsIdCard = s.NeedsIdCard, appointmentAllowed = s.AppointmentAllowed,
            dailyLimitPerPerson = s.DailyLimitPerPerson, dailyCapacity = s.DailyCapacity,
        }),
        counters = hall.Hall.Counters.Select(c => new
        {
            id = c.Id, name = c.Name, fallback = c.Fallback,
            queues = hall.Hall.QueuesServedBy(c).Select(q => new { queueId = q.QueueId, weight = q.Weight }),
        }),
    };

    private string CounterName(string counterId) => hall.Hall.FindCounter(counterId)?.Name ?? counterId;

    private DateTimeOffset Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, hall.Hall.TimeZone);
}
