using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.LoadGen.Reports;

/// <summary>
/// A month of one hall's event log as the engine would have written it, seeded: on each working
/// day every counter signs in, breaks for lunch and signs out; tickets arrive with a morning and an
/// afternoon peak and go to the free counter that serves their queue. The mix — recalls, skips
/// (some reinstated), transfers, failed prints, tickets left at closing, ratings at the evaluator
/// and online, bad ratings with their follow-ups and appeals days later — is set below.
/// </summary>
internal sealed class HallMonthGenerator
{
    private const double RecallShare = 0.30;
    private const double SkipShare = 0.06;
    private const double ReinstateShare = 0.4;
    private const double TransferShare = 0.08;
    private const double PrintFailedShare = 0.01;
    private const double OnlineShare = 0.05;
    private static readonly int[] HourWeights = [10, 14, 13, 9, 5, 9, 12, 11]; // 09:00 … 16:59
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    private readonly HallDefinition _hall;
    private readonly Random _random;
    private readonly List<HallEvent> _events = [];
    private readonly double _ratedShare;
    private readonly double _callBackShare;
    private readonly (int Score, double Share)[] _scores;

    /// <summary>A hall whose service is as good as <paramref name="quality"/> (0–1): how many rate, how well, how surely a bad rating is called back.</summary>
    public HallMonthGenerator(HallDefinition hall, int seed, double quality)
    {
        _hall = hall;
        _random = new Random(seed);
        _ratedShare = quality >= 0.85 ? 1.0 : 0.85 + (0.15 * quality);
        _callBackShare = quality >= 0.7 ? 1.0 : 0.9;
        var bad = 0.04 - (0.03 * quality);
        var basic = 0.08 - (0.06 * quality);
        _scores = [(5, 1 - 0.12 - basic - bad), (4, 0.12), (3, basic), (2, bad * 2 / 3), (1, bad / 3)];
    }

    /// <summary>The month's events in time order, numbered from 1 (follow-ups may run past its end).</summary>
    public List<HallEvent> Generate(DateOnly first, DateOnly last, int ticketsPerWorkingDay)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (_hall.Calendar.IsWorkingDay(day))
            {
                Day(day, (int)(ticketsPerWorkingDay * (0.85 + (0.3 * _random.NextDouble()))));
            }
        }

        long sequence = 0;
        return _events.OrderBy(e => e.At).Select(e => e with { Sequence = ++sequence }).ToList();
    }

    private void Day(DateOnly day, int tickets)
    {
        var at = (int h, int m) => new DateTimeOffset(day.ToDateTime(new TimeOnly(h, m)), Offset);
        var counters = _hall.Counters;
        var free = new DateTimeOffset[counters.Count];
        var lunch = new (DateTimeOffset From, DateTimeOffset To)[counters.Count];
        var staff = new string[counters.Count];
        for (var c = 0; c < counters.Count; c++)
        {
            staff[c] = $"{_hall.Id}-s{c + 1 + (_random.NextDouble() < 0.1 ? 10 : 0)}"; // a stand-in one day in ten
            free[c] = at(8, 30).AddMinutes(_random.Next(0, 20));
            lunch[c] = c % 2 == 0 ? (at(12, 0), at(13, 0)) : (at(12, 30), at(13, 30));
            Counter(free[c], counters[c].Id, "login", staff[c], CounterStatus.Idle);
            Counter(lunch[c].From, counters[c].Id, "pause", staff[c], CounterStatus.Paused);
            Counter(lunch[c].To, counters[c].Id, "resume", staff[c], CounterStatus.Idle);
        }

        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var arrivals = Enumerable.Range(0, tickets).Select(_ => Arrival(at)).Order().ToList();
        foreach (var arrival in arrivals)
        {
            var service = _hall.Services[PickService()];
            var queue = _hall.FindQueue(service.QueueId)!;
            var seq = numbers[queue.Id] = numbers.GetValueOrDefault(queue.Id) + 1;
            var number = Ticket.FormatNumber(queue.Prefix, seq);
            var t = new Tk($"{day:yyyyMMdd}-{number}", number, queue.Id, service.Id, arrival);
            Emit(new TicketIssued
            {
                HallId = _hall.Id, At = arrival, TicketId = t.Id, Number = number, QueueId = t.Queue, ServiceId = t.Service,
                Channel = _random.NextDouble() < 0.15 ? "mobile" : "kiosk", Priority = _random.NextDouble() < 0.05 ? TicketPriority.GreenChannel : TicketPriority.Normal,
            });
            if (_random.NextDouble() < PrintFailedShare)
            {
                Emit(Ev(t, arrival.AddSeconds(3), (e, id, n, q, s) => new TicketVoided { HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s, Reason = "print-failed" }));
                continue;
            }

            Serve(t, service, free, lunch, staff, at(17, 30), day);
        }

        // Sign-out once the last ticket is done: the engine refuses it while a counter serves.
        for (var c = 0; c < counters.Count; c++)
        {
            var closing = at(17, 30).AddMinutes(_random.Next(0, 15));
            Counter(free[c] > closing ? free[c] : closing, counters[c].Id, "logout", staff[c], CounterStatus.Closed);
        }
    }

    private void Serve(Tk t, ServiceDefinition service, DateTimeOffset[] free, (DateTimeOffset From, DateTimeOffset To)[] lunch, string[] staff, DateTimeOffset closing, DateOnly day)
    {
        var handling = TimeSpan.FromMinutes(Math.Max(0.5, (service.Baseline?.HandlingMinutes ?? 6) * Math.Exp(-0.3 + (0.35 * Normal()))));
        var c = FreeCounter(t.Queue, free);
        var call = CallTime(c, t.Issued, handling, free, lunch);
        if (call > closing)
        {
            Emit(Ev(t, closing.AddMinutes(20), (e, id, n, q, s) => new TicketVoided { HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s, Reason = "day-ended" }));
            return;
        }

        Call(t, c, call, staff);
        if (_random.NextDouble() < RecallShare)
        {
            Emit(Ev(t, call.AddSeconds(20), (e, id, n, q, s) => new TicketRecalled { HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s, CounterId = _hall.Counters[c].Id, RecallCount = 1 }));
        }

        if (_random.NextDouble() < SkipShare)
        {
            var skipped = call.AddMinutes(1);
            Emit(Ev(t, skipped, (e, id, n, q, s) => new TicketSkipped { HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s, CounterId = _hall.Counters[c].Id }));
            free[c] = skipped.AddSeconds(10);
            if (_random.NextDouble() >= ReinstateShare)
            {
                return;
            }

            var back = skipped.AddMinutes(_random.Next(2, 10));
            Emit(Ev(t, back, (e, id, n, q, s) => new TicketReinstated { HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s }));
            call = CallTime(c, back, handling, free, lunch);
            Call(t, c, call, staff);
        }

        if (_random.NextDouble() < TransferShare)
        {
            var handed = call + (handling * 0.4);
            var toQueue = _hall.Queues[_random.Next(_hall.Queues.Count)].Id;
            Emit(Ev(t, handed, (e, id, n, q, s) => new TicketTransferred { HallId = e, TicketId = id, Number = n, QueueId = toQueue, ServiceId = s, FromCounterId = _hall.Counters[c].Id, FromQueueId = t.Queue }));
            free[c] = handed.AddSeconds(15);
            t.Queue = toQueue;
            handling *= 0.6;
            c = FreeCounter(toQueue, free);
            call = CallTime(c, handed, handling, free, lunch);
            Call(t, c, call, staff);
        }

        var finished = call + handling;
        free[c] = finished.AddSeconds(15);
        var counter = _hall.Counters[c].Id;
        Emit(Ev(t, finished, (e, id, n, q, s) => new TicketFinished { HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s, CounterId = counter, StaffId = staff[c], HandledSeconds = handling.TotalSeconds }));
        if (_random.NextDouble() < _ratedShare)
        {
            Rate(t, finished, counter, staff[c], day);
        }
    }

    private void Rate(Tk t, DateTimeOffset finished, string counter, string staffId, DateOnly day)
    {
        var online = _random.NextDouble() < OnlineShare;
        var at = online ? finished.AddMinutes(_random.Next(30, 16 * 60)) : finished.AddSeconds(_random.Next(5, 60));
        var score = PickScore();
        Emit(Ev(t, at, (e, id, n, q, s) => new TicketEvaluated
        {
            HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s, CounterId = counter, StaffId = staffId, Score = score,
            Channel = online ? EvaluationChannels.Online : EvaluationChannels.Evaluator,
            ReasonIds = EvaluationLevels.IsBad(score) ? ["long-wait"] : null,
        }));
        if (!EvaluationLevels.IsBad(score))
        {
            return;
        }

        var due = _hall.Calendar.AddWorkingDays(DateOnly.FromDateTime(at.DateTime), _hall.Evaluation.FollowUpWorkingDays);
        Emit(Ev(t, at, (e, id, n, q, s) => new FollowUpOpened { HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s, CounterId = counter, StaffId = staffId, Score = score, DueDate = due }));
        var next = (int days) => new DateTimeOffset(day.AddDays(days).ToDateTime(new TimeOnly(10, _random.Next(0, 60))), Offset);
        if (_random.NextDouble() < 0.08)
        {
            Emit(Ev(t, next(1), (e, id, n, q, s) => new EvaluationAppealed { HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s, Reason = AppealReasons.Malicious, By = "manager" }));
            var upheld = _random.NextDouble() < 0.5;
            Emit(Ev(t, next(3), (e, id, n, q, s) => new AppealReviewed { HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s, Upheld = upheld, By = "district" }));
            if (upheld)
            {
                return;
            }
        }

        string[] steps = [FollowUpSteps.CallBack, FollowUpSteps.Rectification, FollowUpSteps.Satisfaction];
        double[] done = [_callBackShare, 0.85, 0.90];
        for (var i = 0; i < steps.Length && _random.NextDouble() < done[i]; i++)
        {
            var step = steps[i];
            RectificationSatisfaction? satisfaction = step == FollowUpSteps.Satisfaction
                ? _random.NextDouble() switch { < 0.6 => RectificationSatisfaction.Satisfied, < 0.85 => RectificationSatisfaction.BasicallySatisfied, _ => RectificationSatisfaction.Dissatisfied }
                : null;
            Emit(Ev(t, next(2 + i), (e, id, n, q, s) => new FollowUpRecorded { HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s, Step = step, Satisfaction = satisfaction, Note = "已电话回访", By = "manager" }));
        }
    }

    private void Call(Tk t, int c, DateTimeOffset call, string[] staff) =>
        Emit(Ev(t, call, (e, id, n, q, s) => new TicketCalled { HallId = e, TicketId = id, Number = n, QueueId = q, ServiceId = s, CounterId = _hall.Counters[c].Id, StaffId = staff[c], WaitedSeconds = (call - t.Issued).TotalSeconds }));

    /// <summary>When counter <paramref name="c"/> can call: once free and not at lunch (nor running into it).</summary>
    private static DateTimeOffset CallTime(int c, DateTimeOffset ready, TimeSpan handling, DateTimeOffset[] free, (DateTimeOffset From, DateTimeOffset To)[] lunch)
    {
        var call = ready > free[c] ? ready : free[c];
        if (call < lunch[c].To && call + handling > lunch[c].From)
        {
            call = lunch[c].To;
        }

        return call;
    }

    private int FreeCounter(string queueId, DateTimeOffset[] free)
    {
        var best = -1;
        for (var c = 0; c < _hall.Counters.Count; c++)
        {
            if (HallDefinition.WeightOf(_hall.Counters[c], queueId) is not null && (best < 0 || free[c] < free[best]))
            {
                best = c;
            }
        }

        return best;
    }

    private DateTimeOffset Arrival(Func<int, int, DateTimeOffset> at)
    {
        var pick = _random.Next(HourWeights.Sum());
        var hour = 0;
        while (pick >= HourWeights[hour])
        {
            pick -= HourWeights[hour++];
        }

        return at(9 + hour, 0).AddSeconds(_random.Next(3600));
    }

    // Services early in the catalogue (社保, 医保) are the common ones.
    private int PickService() => Math.Min(_hall.Services.Count - 1, (int)(_hall.Services.Count * Math.Pow(_random.NextDouble(), 1.6)));

    private int PickScore()
    {
        var x = _random.NextDouble();
        foreach (var (score, share) in _scores)
        {
            if ((x -= share) < 0)
            {
                return score;
            }
        }

        return 5;
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private void Counter(DateTimeOffset at, string counter, string action, string staffId, CounterStatus status) =>
        Emit(new CounterChanged { HallId = _hall.Id, At = at, CounterId = counter, Action = action, StaffId = staffId, Status = status });

    private HallEvent Ev(Tk t, DateTimeOffset at, Func<string, string, string, string, string, TicketEvent> make) => make(_hall.Id, t.Id, t.Number, t.Queue, t.Service) with { At = at };

    private void Emit(HallEvent e) => _events.Add(e);

    /// <summary>A ticket being generated (its queue changes when transferred).</summary>
    private sealed class Tk(string id, string number, string queue, string service, DateTimeOffset issued)
    {
        public string Id { get; } = id;

        public string Number { get; } = number;

        public string Queue { get; set; } = queue;

        public string Service { get; } = service;

        public DateTimeOffset Issued { get; } = issued;
    }
}
