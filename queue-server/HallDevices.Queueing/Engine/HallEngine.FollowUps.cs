using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <content>
/// 差评整改: the follow-up of a bad rating (call-back, rectification, the citizen's satisfaction,
/// in that order) and the appeal of a rating as malicious or mistaken, which never deletes it.
/// Cases are named by their ticket id and outlive the service day.
/// </content>
public sealed partial class HallEngine
{
    /// <summary>Days a closed follow-up case stays in memory and in the restart snapshot.</summary>
    public const int ClosedFollowUpDays = 60;

    /// <summary>Longest note kept on a follow-up step, an appeal or a review, in characters.</summary>
    public const int MaxFollowUpNoteLength = 500;

    /// <summary>Every follow-up case held (open, and closed within <see cref="ClosedFollowUpDays"/>), oldest first.</summary>
    public IReadOnlyList<FollowUpCase> FollowUps()
    {
        lock (_gate)
        {
            return _followUps.Values.OrderBy(f => f.OpenedAt).ThenBy(f => f.TicketId, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The follow-up case of a ticket, if it has one held.</summary>
    public FollowUpCase? FindFollowUp(string ticketId)
    {
        lock (_gate)
        {
            return _followUps.GetValueOrDefault(ticketId);
        }
    }

    /// <summary>
    /// Records the next step of a follow-up: <c>call-back</c>, then <c>rectification</c>, then
    /// <c>satisfaction</c> (with the citizen's answer), which closes the case. Refusals:
    /// <c>unknown-follow-up</c>, <c>follow-up-closed</c>, <c>follow-up-step-out-of-order</c>,
    /// <c>invalid-request</c> (unknown step, satisfaction missing or given with another step).
    /// </summary>
    public Outcome<FollowUpCase> RecordFollowUp(string ticketId, string step, string? note, RectificationSatisfaction? satisfaction, string? by = null)
    {
        if (!FollowUpSteps.IsKnown(step))
        {
            return Outcome<FollowUpCase>.Fail(ErrorCodes.InvalidRequest, $"step must be call-back, rectification or satisfaction, not '{step}'");
        }

        if ((step == FollowUpSteps.Satisfaction) != (satisfaction is not null))
        {
            return Outcome<FollowUpCase>.Fail(ErrorCodes.InvalidRequest, "satisfaction is given with the satisfaction step, and only with it");
        }

        return WithFollowUp(ticketId, by, (change, f) =>
        {
            if (f.IsClosed)
            {
                return Outcome<FollowUpCase>.Fail(ErrorCodes.FollowUpClosed, $"the follow-up of {f.Number} is closed");
            }

            var next = f.CalledBackAt is null ? FollowUpSteps.CallBack : f.RectifiedAt is null ? FollowUpSteps.Rectification : FollowUpSteps.Satisfaction;
            if (step != next)
            {
                return Outcome<FollowUpCase>.Fail(ErrorCodes.FollowUpStepOutOfOrder, $"the next step of the follow-up of {f.Number} is {next}, not {step}");
            }

            var text = Cut(note, MaxFollowUpNoteLength);
            var now = change.Now;
            var updated = step switch
            {
                FollowUpSteps.CallBack => f with { CalledBackAt = now, CallBackNote = text },
                FollowUpSteps.Rectification => f with { RectifiedAt = now, RectificationNote = text },
                _ => f with { Satisfaction = satisfaction, ClosedAt = now },
            };
            change.Put(updated);
            change.Emit(new FollowUpRecorded
            {
                HallId = Hall.Id, TicketId = f.TicketId, Number = f.Number, QueueId = f.QueueId, ServiceId = f.ServiceId,
                Step = step, Note = text, Satisfaction = satisfaction,
            });
            return Outcome<FollowUpCase>.Success(updated);
        });
    }

    /// <summary>
    /// Appeals a bad rating as <c>malicious</c> or <c>mistaken</c>, once (<c>already-appealed</c>);
    /// it waits for review. The rating stays in the log. Refusals: <c>unknown-follow-up</c>,
    /// <c>invalid-request</c> (unknown reason).
    /// </summary>
    public Outcome<FollowUpCase> Appeal(string ticketId, string reason, string? note, string? by = null)
    {
        if (!AppealReasons.IsKnown(reason))
        {
            return Outcome<FollowUpCase>.Fail(ErrorCodes.InvalidRequest, $"reason must be malicious or mistaken, not '{reason}'");
        }

        return WithFollowUp(ticketId, by, (change, f) =>
        {
            if (f.Appeal != AppealStatus.None)
            {
                return Outcome<FollowUpCase>.Fail(ErrorCodes.AlreadyAppealed, $"the rating of {f.Number} was already appealed");
            }

            var text = Cut(note, MaxFollowUpNoteLength);
            var updated = f with { Appeal = AppealStatus.Pending, AppealReason = reason, AppealNote = text, AppealedAt = change.Now };
            change.Put(updated);
            change.Emit(new EvaluationAppealed
            {
                HallId = Hall.Id, TicketId = f.TicketId, Number = f.Number, QueueId = f.QueueId, ServiceId = f.ServiceId,
                Reason = reason, Note = text,
            });
            return Outcome<FollowUpCase>.Success(updated);
        });
    }

    /// <summary>
    /// Decides a pending appeal (<c>no-appeal</c> when there is none pending): upheld closes the
    /// case (reports count the rating apart), rejected leaves it as it was.
    /// </summary>
    public Outcome<FollowUpCase> ReviewAppeal(string ticketId, bool upheld, string? note, string? by = null) => WithFollowUp(ticketId, by, (change, f) =>
    {
        if (f.Appeal != AppealStatus.Pending)
        {
            return Outcome<FollowUpCase>.Fail(ErrorCodes.NoAppeal, $"the rating of {f.Number} has no appeal waiting for review");
        }

        var text = Cut(note, MaxFollowUpNoteLength);
        var updated = f with
        {
            Appeal = upheld ? AppealStatus.Upheld : AppealStatus.Rejected,
            ReviewNote = text,
            ReviewedAt = change.Now,
            ClosedAt = f.ClosedAt ?? (upheld ? change.Now : null),
        };
        change.Put(updated);
        change.Emit(new AppealReviewed
        {
            HallId = Hall.Id, TicketId = f.TicketId, Number = f.Number, QueueId = f.QueueId, ServiceId = f.ServiceId,
            Upheld = upheld, Note = text,
        });
        return Outcome<FollowUpCase>.Success(updated);
    });

    private Outcome<FollowUpCase> WithFollowUp(string ticketId, string? by, Func<UnitOfWork, FollowUpCase, Outcome<FollowUpCase>> act) =>
        Run<FollowUpCase>(null, by, change => change.FollowUp(ticketId ?? "") is { } f
            ? act(change, f)
            : Outcome<FollowUpCase>.Fail(ErrorCodes.UnknownFollowUp, $"no follow-up case '{ticketId}' in hall {Hall.Id}"));
}
