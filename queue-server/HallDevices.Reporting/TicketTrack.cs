using System.Runtime.CompilerServices;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Reporting;

/// <summary>
/// The per-ticket accumulator of the streaming pass: only what the figures need, with groups as
/// indexes (counter and staff -1 for none), so a month of a busy hall stays a few megabytes.
/// </summary>
internal sealed class TicketTrack
{
    public int Queue;
    public int Service;
    public DateTimeOffset IssuedAt;
    public TrackState State;

    // Wait: issue → first call.
    public double WaitSeconds = -1;
    public int FirstCounter = -1;
    public int FirstStaff = -1;

    // The call in progress, until a finish, transfer or skip ends it.
    public bool CallOpen;
    public DateTimeOffset CallAt;
    public int CallCounter = -1;
    public int CallStaff = -1;

    // Handling: the calls ended by a finish or transfer. Nearly every ticket has one, so it is kept inline.
    public double HandlingSeconds;
    public CallSegment FirstSegment;
    public int SegmentCount;
    public List<CallSegment>? MoreSegments;

    public int FinishCounter = -1;
    public int FinishStaff = -1;
    public DateTimeOffset FinishedAt;
    public int SkipCounter = -1;
    public int SkipStaff = -1;

    // Rating (one per case: the first counts) and its follow-up.
    public int Score;
    public int RateCounter = -1;
    public int RateStaff = -1;
    public bool AppealUpheld;
    public bool CalledBack;
    public bool Rectified;
    public Queueing.Evaluation.RectificationSatisfaction? Satisfaction;

    public bool IsServed => State == TrackState.Finished;

    public bool IsRated => Score != 0 && IsServed;

    /// <summary>A bad rating that counts as 差评: rated 1 or 2 and no appeal upheld.</summary>
    public bool IsCountedBad => IsRated && !AppealUpheld && Queueing.Evaluation.EvaluationLevels.IsBad(Score);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Called(DateTimeOffset at, int counter, int staff)
    {
        if (WaitSeconds < 0)
        {
            WaitSeconds = Math.Max(0, (at - IssuedAt).TotalSeconds);
            FirstCounter = counter;
            FirstStaff = staff;
        }

        CallOpen = true;
        CallAt = at;
        CallCounter = counter;
        CallStaff = staff;
        State = TrackState.Called;
    }

    /// <summary>Ends the open call as handling at <paramref name="counter"/> (a finish or transfer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndCallHandled(DateTimeOffset at, int counter, int staff, double fallbackSeconds)
    {
        // A finish with no call in the events given (a log cut short) keeps the engine's own figure.
        var seconds = CallOpen ? Math.Max(0, (at - CallAt).TotalSeconds) : Math.Max(0, fallbackSeconds);
        if (staff < 0 && CallOpen && CallCounter == counter)
        {
            staff = CallStaff;
        }

        var segment = new CallSegment(counter, staff, seconds);
        if (SegmentCount == 0)
        {
            FirstSegment = segment;
        }
        else
        {
            (MoreSegments ??= []).Add(segment);
        }

        SegmentCount++;
        HandlingSeconds += seconds;
        CallOpen = false;
    }

    /// <summary>The handled calls in order.</summary>
    public IEnumerable<CallSegment> Segments()
    {
        if (SegmentCount == 0)
        {
            yield break;
        }

        yield return FirstSegment;
        if (MoreSegments is not null)
        {
            foreach (var s in MoreSegments)
            {
                yield return s;
            }
        }
    }

    public void Recorded(FollowUpRecorded e)
    {
        switch (e.Step)
        {
            case Queueing.Evaluation.FollowUpSteps.CallBack:
                CalledBack = true;
                break;
            case Queueing.Evaluation.FollowUpSteps.Rectification:
                Rectified = true;
                break;
            case Queueing.Evaluation.FollowUpSteps.Satisfaction when e.Satisfaction is not null:
                Satisfaction = e.Satisfaction;
                break;
        }
    }
}
