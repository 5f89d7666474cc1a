using System.Runtime.CompilerServices;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Reporting;

/// <summary>
/// The streaming pass behind <see cref="HallReports.Build"/>: each event updates its ticket's
/// <see cref="TicketTrack"/> (or the attendance); the groups are added up from the tickets at the
/// end, when every ticket's wait, handling, outcome and rating are known.
/// </summary>
internal sealed class HallReportBuilder
{
    private readonly HallDefinition _hall;
    private readonly ReportPeriod _period;
    private readonly DateTimeOffset _asOf;
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _end;
    private readonly Dictionary<string, TicketTrack> _tickets = new(StringComparer.Ordinal);
    private readonly GroupIndex _queues;
    private readonly GroupIndex _services;
    private readonly GroupIndex _counters;
    private readonly GroupIndex _staff = new([]);
    private readonly AttendanceTally _attendance;
    private readonly int[] _arrivals = new int[24];
    private long _offsetSlot = long.MinValue;
    private TimeSpan _offset;

    public HallReportBuilder(HallDefinition hall, ReportPeriod period, DateTimeOffset asOf)
    {
        _hall = hall;
        _period = period;
        _asOf = asOf;
        _start = period.StartIn(hall.TimeZone);
        _end = period.EndIn(hall.TimeZone);
        _queues = new GroupIndex(hall.Queues.Select(q => (q.Id, q.Name)));
        _services = new GroupIndex(hall.Services.Select(s => (s.Id, s.Name)));
        _counters = new GroupIndex(hall.Counters.Select(c => (c.Id, c.Name)));
        _attendance = new AttendanceTally(_start, asOf < _end ? asOf : _end);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(HallEvent e)
    {
        if (e.At > _asOf)
        {
            return;
        }

        if (e is CounterChanged counter)
        {
            _attendance.Add(counter);
            _staff.Find(counter.StaffId);
            return;
        }

        if (e is not TicketEvent te)
        {
            return;
        }

        if (te is TicketIssued issued)
        {
            Issue(issued);
            return;
        }

        if (!_tickets.TryGetValue(te.TicketId, out var t))
        {
            return; // issued outside the period
        }

        switch (te)
        {
            case TicketCalled c:
                t.Called(c.At, _counters.Find(c.CounterId), _staff.Find(c.StaffId));
                break;
            case TicketSkipped s:
                t.SkipCounter = t.CallOpen ? t.CallCounter : _counters.Find(s.CounterId);
                t.SkipStaff = t.CallOpen ? t.CallStaff : -1;
                t.CallOpen = false;
                t.State = TrackState.Skipped;
                break;
            case TicketReinstated:
                t.State = TrackState.Waiting;
                break;
            case TicketFinished f:
                var counterIndex = _counters.Find(f.CounterId);
                var staffIndex = _staff.Find(f.StaffId);
                if (staffIndex < 0 && t.CallOpen && t.CallCounter == counterIndex)
                {
                    staffIndex = t.CallStaff;
                }

                t.EndCallHandled(f.At, counterIndex, staffIndex, f.HandledSeconds);
                t.FinishCounter = counterIndex;
                t.FinishStaff = staffIndex;
                t.FinishedAt = f.At;
                t.State = TrackState.Finished;
                break;
            case TicketTransferred x:
                t.EndCallHandled(x.At, _counters.Find(x.FromCounterId), -1, 0);
                t.State = TrackState.Transferred;
                break;
            case TicketVoided:
                t.CallOpen = false;
                t.State = TrackState.Voided;
                break;
            case TicketEvaluated r when t.Score == 0 && r.Score is >= 1 and <= 5:
                t.Score = r.Score;
                t.RateCounter = _counters.Find(r.CounterId);

                // Logs older than issue 15 rate without a staff id: the staff who finished it there.
                t.RateStaff = r.StaffId is not null ? _staff.Find(r.StaffId) : t.RateCounter == t.FinishCounter ? t.FinishStaff : -1;
                break;
            case FollowUpRecorded step:
                t.Recorded(step);
                break;
            case AppealReviewed review:
                t.AppealUpheld = review.Upheld;
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public HallReport Finish(ReportTargets targets)
    {
        var serviceLevelSeconds = _hall.Policy.ServiceLevelWaitMinutes * 60.0;
        var total = new GroupTally(_hall.Id, _hall.Name);
        var queues = _queues.Tallies();
        var services = _services.Tallies();
        var counters = _counters.Tallies();
        var staff = _staff.Tallies();
        var served = new int[24];
        var withinLimit = new int[services.Count];
        var limits = _hall.Services.Select(s => s.Baseline?.TimeLimitMinutes * 60).ToArray();

        foreach (var t in _tickets.Values)
        {
            total.AddTicket(t, serviceLevelSeconds);
            queues[t.Queue].AddTicket(t, serviceLevelSeconds);
            services[t.Service].AddTicket(t, serviceLevelSeconds);
            AddToCounterAndStaff(t, counters, staff, serviceLevelSeconds);
            if (t.IsServed)
            {
                served[LocalHour(t.FinishedAt)]++;
                if (t.Service < limits.Length && limits[t.Service] is { } limit && t.HandlingSeconds <= limit)
                {
                    withinLimit[t.Service]++;
                }
            }
        }

        var totalFigures = total.ToFigures();
        var samples = total.ToSamples();
        var serviceGroups = services.Select(s => s.ToGroup()).ToList();
        var baselines = Baselines(serviceGroups, withinLimit, targets);
        var reduction = TargetCheck.HandlingReduction(baselines);
        return new HallReport(
            _hall.Id, _hall.Name, _hall.District, _period, _asOf, totalFigures,
            queues.Select(q => q.ToGroup()).ToList(),
            serviceGroups,
            counters.Select(c => c.ToGroup()).ToList(),
            staff.Where(s => s.Touched).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.ToGroup()).ToList(),
            _attendance.Finish(),
            Enumerable.Range(0, 24).Select(h => new HourFigures(h, _arrivals[h], served[h])).ToList(),
            WaitBuckets(samples.WaitSeconds),
            total.ToLevels(),
            baselines,
            reduction,
            TargetCheck.Assess(totalFigures, reduction, targets))
        {
            ServiceLevelWaitMinutes = _hall.Policy.ServiceLevelWaitMinutes,
            Samples = samples,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Issue(TicketIssued e)
    {
        if (e.At < _start || e.At >= _end || _tickets.ContainsKey(e.TicketId))
        {
            return;
        }

        _tickets[e.TicketId] = new TicketTrack
        {
            Queue = _queues.Find(e.QueueId),
            Service = _services.Find(e.ServiceId),
            IssuedAt = e.At,
        };
        _arrivals[LocalHour(e.At)]++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddToCounterAndStaff(TicketTrack t, List<GroupTally> counters, List<GroupTally> staff, double serviceLevelSeconds)
    {
        if (t.WaitSeconds >= 0)
        {
            counters[t.FirstCounter].AddWait(t.WaitSeconds);
            At(staff, t.FirstStaff)?.AddWait(t.WaitSeconds);
        }

        foreach (var s in t.Segments())
        {
            counters[s.Counter].AddHandling(s.Seconds);
            At(staff, s.Staff)?.AddHandling(s.Seconds);
        }

        if (t.IsServed)
        {
            counters[t.FinishCounter].AddServed(t, serviceLevelSeconds);
            At(staff, t.FinishStaff)?.AddServed(t, serviceLevelSeconds);
        }

        if (t.State == TrackState.Skipped && t.SkipCounter >= 0)
        {
            counters[t.SkipCounter].AddNoShow();
            At(staff, t.SkipStaff)?.AddNoShow();
        }

        if (t.IsRated && t.RateCounter >= 0)
        {
            counters[t.RateCounter].AddRating(t);
            At(staff, t.RateStaff)?.AddRating(t);
        }
    }

    private static GroupTally? At(List<GroupTally> groups, int index) => index >= 0 ? groups[index] : null;

    private List<BaselineFigures> Baselines(List<GroupFigures> services, int[] withinLimit, ReportTargets targets)
    {
        var rows = new List<BaselineFigures>();
        for (var i = 0; i < _hall.Services.Count; i++)
        {
            if (_hall.Services[i].Baseline is not { } b)
            {
                continue;
            }

            var f = services[i].Figures;
            double? mean = f.Served > 0 ? f.HandlingMean : null;
            rows.Add(new BaselineFigures(
                _hall.Services[i].Id, _hall.Services[i].Name, b.Label, b.HandlingMinutes, f.Served, mean,
                mean is { } m && b.HandlingMinutes > 0 ? 1 - (m / b.HandlingMinutes) : null,
                targets.HandlingReduction,
                b.TimeLimitMinutes,
                b.TimeLimitMinutes is not null ? GroupTally.Ratio(withinLimit[i], f.Served) : null));
        }

        return rows;
    }

    private static List<WaitBucket> WaitBuckets(double[] waitSeconds)
    {
        var bounds = WaitBucket.Bounds;
        var counts = new int[bounds.Count];
        foreach (var w in waitSeconds)
        {
            var minutes = w / 60;
            var i = bounds.Count - 1;
            while (i > 0 && minutes < bounds[i])
            {
                i--;
            }

            counts[i]++;
        }

        return bounds.Select((from, i) => new WaitBucket(from, i + 1 < bounds.Count ? bounds[i + 1] : null, counts[i])).ToList();
    }

    /// <summary>
    /// The local hour of an instant. Zones change offset on quarter hours, so the offset is looked up
    /// once per UTC quarter hour: events come in time order and ask for the same one again and again.
    /// </summary>
    private int LocalHour(DateTimeOffset at)
    {
        var slot = at.UtcTicks / (TimeSpan.TicksPerMinute * 15);
        if (slot != _offsetSlot)
        {
            _offset = _hall.TimeZone.GetUtcOffset(at.UtcDateTime);
            _offsetSlot = slot;
        }

        return (at.UtcDateTime + _offset).Hour;
    }
}
