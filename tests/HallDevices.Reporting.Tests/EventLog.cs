using System.Globalization;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Reporting.Tests;

/// <summary>
/// Writes a hall's event log by hand, the way the engine would have: one call per event, times as
/// "HH:mm" on the current day (Shanghai), tickets by their printed number. Sequences run from 1.
/// </summary>
public sealed class EventLog
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private readonly Dictionary<string, (string Id, string Queue, string Service)> _tickets = [];
    private long _sequence;
    private DateOnly _day;

    public EventLog(string hallId, DateOnly day)
    {
        HallId = hallId;
        _day = day;
    }

    public string HallId { get; }

    public List<HallEvent> Events { get; } = [];

    /// <summary>Later events happen on <paramref name="day"/> (the tickets keep their ids).</summary>
    public EventLog OnDay(DateOnly day)
    {
        _day = day;
        return this;
    }

    public DateTimeOffset Time(string hhmm) =>
        new(_day.ToDateTime(TimeOnly.ParseExact(hhmm, hhmm.Length == 5 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture)), Shanghai);

    public EventLog Issue(string at, string number, string service = "s1", string queue = "q1")
    {
        _tickets[number] = ($"{_day:yyyyMMdd}-{number}", queue, service);
        return Add(new TicketIssued { HallId = HallId, At = Time(at), Channel = "kiosk", TicketId = Id(number), Number = number, QueueId = queue, ServiceId = service });
    }

    public EventLog Call(string at, string number, string counter = "c1", string? staff = "s01") =>
        Add(new TicketCalled { HallId = HallId, At = Time(at), CounterId = counter, StaffId = staff, TicketId = Id(number), Number = number, QueueId = Queue(number), ServiceId = Service(number) });

    public EventLog Recall(string at, string number, string counter = "c1") =>
        Add(new TicketRecalled { HallId = HallId, At = Time(at), CounterId = counter, RecallCount = 1, TicketId = Id(number), Number = number, QueueId = Queue(number), ServiceId = Service(number) });

    public EventLog Skip(string at, string number, string counter = "c1") =>
        Add(new TicketSkipped { HallId = HallId, At = Time(at), CounterId = counter, TicketId = Id(number), Number = number, QueueId = Queue(number), ServiceId = Service(number) });

    public EventLog Reinstate(string at, string number) =>
        Add(new TicketReinstated { HallId = HallId, At = Time(at), TicketId = Id(number), Number = number, QueueId = Queue(number), ServiceId = Service(number) });

    public EventLog Finish(string at, string number, string counter = "c1", string? staff = "s01") =>
        Add(new TicketFinished { HallId = HallId, At = Time(at), CounterId = counter, StaffId = staff, TicketId = Id(number), Number = number, QueueId = Queue(number), ServiceId = Service(number) });

    public EventLog Transfer(string at, string number, string fromCounter, string? toQueue = null, string? toCounter = null)
    {
        var (id, fromQueue, service) = _tickets[number];
        var queue = toQueue ?? fromQueue;
        _tickets[number] = (id, queue, service);
        return Add(new TicketTransferred { HallId = HallId, At = Time(at), FromCounterId = fromCounter, FromQueueId = fromQueue, ToCounterId = toCounter, TicketId = id, Number = number, QueueId = queue, ServiceId = service });
    }

    public EventLog Void(string at, string number, string reason = "day-ended") =>
        Add(new TicketVoided { HallId = HallId, At = Time(at), Reason = reason, TicketId = Id(number), Number = number, QueueId = Queue(number), ServiceId = Service(number) });

    /// <summary>A rating; a bad one opens its follow-up in the same change, as the engine does.</summary>
    public EventLog Rate(string at, string number, int score, string counter = "c1", string? staff = "s01")
    {
        Add(new TicketEvaluated { HallId = HallId, At = Time(at), CounterId = counter, StaffId = staff, Score = score, Channel = EvaluationChannels.Console, TicketId = Id(number), Number = number, QueueId = Queue(number), ServiceId = Service(number) });
        return EvaluationLevels.IsBad(score)
            ? Add(new FollowUpOpened { HallId = HallId, At = Time(at), CounterId = counter, StaffId = staff, Score = score, DueDate = _day.AddDays(7), TicketId = Id(number), Number = number, QueueId = Queue(number), ServiceId = Service(number) })
            : this;
    }

    public EventLog FollowUp(string at, string number, string step, RectificationSatisfaction? satisfaction = null) =>
        Add(new FollowUpRecorded { HallId = HallId, At = Time(at), Step = step, Satisfaction = satisfaction, By = "manager", TicketId = Id(number), Number = number, QueueId = Queue(number), ServiceId = Service(number) });

    public EventLog Appeal(string at, string number) =>
        Add(new EvaluationAppealed { HallId = HallId, At = Time(at), Reason = AppealReasons.Malicious, TicketId = Id(number), Number = number, QueueId = Queue(number), ServiceId = Service(number) });

    public EventLog Review(string at, string number, bool upheld) =>
        Add(new AppealReviewed { HallId = HallId, At = Time(at), Upheld = upheld, TicketId = Id(number), Number = number, QueueId = Queue(number), ServiceId = Service(number) });

    public EventLog Login(string at, string counter, string staff) => Counter(at, counter, "login", staff, CounterStatus.Idle);

    public EventLog Logout(string at, string counter, string staff) => Counter(at, counter, "logout", staff, CounterStatus.Closed);

    public EventLog Pause(string at, string counter, string staff) => Counter(at, counter, "pause", staff, CounterStatus.Paused);

    public EventLog Resume(string at, string counter, string staff) => Counter(at, counter, "resume", staff, CounterStatus.Idle);

    /// <summary>A ticket issued, called after <paramref name="waitMinutes"/> and finished after <paramref name="handlingMinutes"/> more.</summary>
    public EventLog Served(string issuedAt, string number, double waitMinutes, double handlingMinutes, string service = "s1", string queue = "q1", string counter = "c1", string? staff = "s01")
    {
        Issue(issuedAt, number, service, queue);
        var called = Time(issuedAt).AddMinutes(waitMinutes);
        var finished = called.AddMinutes(handlingMinutes);
        Add(new TicketCalled { HallId = HallId, At = called, CounterId = counter, StaffId = staff, TicketId = Id(number), Number = number, QueueId = queue, ServiceId = service });
        return Add(new TicketFinished { HallId = HallId, At = finished, CounterId = counter, StaffId = staff, TicketId = Id(number), Number = number, QueueId = queue, ServiceId = service });
    }

    private EventLog Counter(string at, string counter, string action, string staff, CounterStatus status) =>
        Add(new CounterChanged { HallId = HallId, At = Time(at), CounterId = counter, Action = action, StaffId = staff, Status = status });

    private EventLog Add(HallEvent e)
    {
        Events.Add(e with { Sequence = ++_sequence });
        return this;
    }

    private string Id(string number) => _tickets[number].Id;

    private string Queue(string number) => _tickets[number].Queue;

    private string Service(string number) => _tickets[number].Service;
}
