using HallDevices.Queueing.Evaluation;

namespace HallDevices.Reporting;

/// <summary>Adds up the <see cref="Figures"/> of one group (the hall, a queue, a service, a counter, a staff member).</summary>
internal sealed class GroupTally
{
    private readonly List<double> _waits = [];
    private readonly List<double> _handling = [];
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
    private double[]? _sortedWaits;
    private double[]? _sortedHandling;

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

    public void AddWait(double seconds)
    {
        Touched = true;
        _waits.Add(seconds);
    }

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
        var (waits, handling) = (SortedWaits(), SortedHandling());
        double? evaluationRate = Ratio(_rated, _served);
        return new Figures(
            _issued, _served, _noShows, _voided,
            Minutes(Mean(waits)), Minutes(Percentiles.NearestRank(waits, 50)), Minutes(Percentiles.NearestRank(waits, 90)), Minutes(waits.Length == 0 ? null : waits[^1]),
            Minutes(Mean(handling)), Minutes(Percentiles.NearestRank(handling, 90)),
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

    /// <summary>The raw waits and handling times, sorted (for district totals).</summary>
    public ReportSamples ToSamples() => new(SortedWaits(), SortedHandling());

    internal static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;

    internal static double? Mean(double[] sorted) => sorted.Length == 0 ? null : sorted.Sum() / sorted.Length;

    internal static double? Minutes(double? seconds) => seconds / 60;

    // Sorted once: the figures and the samples share the arrays (sorting showed in profiles).
    private double[] SortedWaits() => _sortedWaits ??= Sorted(_waits);

    private double[] SortedHandling() => _sortedHandling ??= Sorted(_handling);

    private static double[] Sorted(List<double> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }
}
