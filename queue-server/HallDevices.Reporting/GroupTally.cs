using System.Runtime.CompilerServices;
using HallDevices.Queueing.Evaluation;

namespace HallDevices.Reporting;

/// <summary>Adds up the <see cref="Figures"/> of one group (the hall, a queue, a service, a counter, a staff member).</summary>
internal sealed class GroupTally
{
    private readonly DoubleList _waits = new();
    private readonly DoubleList _handling = new();
    private readonly int[] _levels = new int[6];
    private int _issued;
    private int _served;
    private int _noShows;
    private int _voided;
    private int _withinServiceLevel;
    private int _rated;
    private int _unrated;
    private int _upheld;
    private int _bad;
    private int _badCalledBack;
    private int _badRectified;
    private int _badSatisfactionRecorded;
    private int _badSatisfied;
    private double[]? _waitArray;
    private double[]? _handlingArray;

    public GroupTally(string key, string name)
    {
        Key = key;
        Name = name;
    }

    public string Key { get; }

    public string Name { get; }

    /// <summary>True once anything was counted (keeps empty staff rows out).</summary>
    public bool Touched { get; private set; }

    /// <summary>Counts a whole ticket where it was issued (the hall, its queue, its service).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddTicket(TicketTrack t, double serviceLevelSeconds)
    {
        Touched = true;
        _issued++;
        switch (t.State)
        {
            case TrackState.Skipped:
                _noShows++;
                break;
            case TrackState.Voided:
                _voided++;
                break;
        }

        if (t.WaitSeconds >= 0)
        {
            _waits.Add(t.WaitSeconds);
        }

        if (t.IsServed)
        {
            AddServed(t, serviceLevelSeconds);
            _handling.Add(t.HandlingSeconds);
            if (t.IsRated)
            {
                AddRating(t);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddWait(double seconds)
    {
        Touched = true;
        _waits.Add(seconds);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddHandling(double seconds)
    {
        Touched = true;
        _handling.Add(seconds);
    }

    public void AddNoShow()
    {
        Touched = true;
        _noShows++;
    }

    /// <summary>A ticket finished here: served, within the service level or not, and 未评 until rated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddServed(TicketTrack t, double serviceLevelSeconds)
    {
        Touched = true;
        _served++;
        if (t.WaitSeconds <= serviceLevelSeconds)
        {
            _withinServiceLevel++;
        }

        if (!t.IsRated)
        {
            _unrated++;
        }
    }

    /// <summary>A rating given here, with its appeal and follow-up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRating(TicketTrack t)
    {
        Touched = true;
        _rated++;
        if (t.AppealUpheld)
        {
            _upheld++;
            return;
        }

        _levels[t.Score]++;
        if (!EvaluationLevels.IsBad(t.Score))
        {
            return;
        }

        _bad++;
        _badCalledBack += t.CalledBack ? 1 : 0;
        _badRectified += t.Rectified ? 1 : 0;
        if (t.Satisfaction is { } s)
        {
            _badSatisfactionRecorded++;
            _badSatisfied += s is RectificationSatisfaction.Satisfied or RectificationSatisfaction.BasicallySatisfied ? 1 : 0;
        }
    }

    public GroupFigures ToGroup() => new(Key, Name, ToFigures());

    public Figures ToFigures()
    {
        var (waits, handling) = (Waits(), Handling());
        var (waitMean, waitMax, handlingMean) = (_waits.Mean, _waits.Count == 0 ? (double?)null : _waits.Max, _handling.Mean);
        double? evaluationRate = Ratio(_rated, _served);
        return new Figures(
            _issued, _served, _noShows, _voided,
            Minutes(waitMean), Minutes(Percentiles.NearestRank(waits, 50)), Minutes(Percentiles.NearestRank(waits, 90)), Minutes(waitMax),
            Minutes(handlingMean), Minutes(Percentiles.NearestRank(handling, 90)),
            Ratio(_withinServiceLevel, _served),
            _rated, _unrated, evaluationRate, 1 - evaluationRate,
            Ratio(_levels[5] + _levels[4], _rated), Ratio(_bad, _rated), _bad,
            Ratio(_badCalledBack, _bad), Ratio(_badRectified, _bad), Ratio(_badSatisfied, _badSatisfactionRecorded),
            _upheld)
        {
            Waited = waits.Length,
            Handled = handling.Length,
            WithinServiceLevel = _withinServiceLevel,
            Good = _levels[5] + _levels[4],
            BadCalledBack = _badCalledBack,
            BadRectified = _badRectified,
            SatisfactionRecorded = _badSatisfactionRecorded,
            SatisfiedWithRectification = _badSatisfied,
        };
    }

    /// <summary>Levels of the ratings counted here, plus 未评 and upheld appeals.</summary>
    public LevelCounts ToLevels() => new(_levels[5], _levels[4], _levels[3], _levels[2], _levels[1], _unrated, _upheld);

    /// <summary>The raw waits and handling times (for district totals).</summary>
    public ReportSamples ToSamples() => new(Waits(), Handling());

    internal static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;

    internal static double? Minutes(double? seconds) => seconds / 60;

    // One array each, shared by the figures and the samples (selection reorders it, which neither minds).
    private double[] Waits() => _waitArray ??= _waits.ToArray();

    private double[] Handling() => _handlingArray ??= _handling.ToArray();
}
