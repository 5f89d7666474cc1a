using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <content>
/// 好差评: one rating per case from the evaluator, the window console or the citizen's phone,
/// whichever comes first, within the hall's window after finish; a bad one opens a follow-up case.
/// </content>
public sealed partial class HallEngine
{
    /// <summary>
    /// Records a rating, or says why not: <c>invalid-score</c>, <c>unknown-ticket</c>,
    /// <c>invalid-ticket-state</c> (not finished), <c>not-served-here</c>, <c>already-evaluated</c>
    /// (by any channel), <c>evaluation-closed</c> (past <see cref="EvaluationPolicy.WindowMinutes"/>
    /// after finish), <c>unknown-reason</c>, <c>invalid-request</c> (reasons on a rating that is not bad).
    /// A bad rating (1 or 2) emits <see cref="FollowUpOpened"/> after <see cref="TicketEvaluated"/>
    /// in the same change, due <see cref="EvaluationPolicy.FollowUpWorkingDays"/> working days later.
    /// </summary>
    public Outcome<Evaluated> Evaluate(EvaluateCommand command, string? requestId = null, string? by = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (EvaluationLevels.FromScore(command.Score) is null)
        {
            return Outcome<Evaluated>.Fail(ErrorCodes.InvalidScore, $"score must be 1 to 5, not {command.Score}");
        }

        if (!EvaluationChannels.IsKnown(command.Channel))
        {
            return Outcome<Evaluated>.Fail(ErrorCodes.InvalidRequest, $"channel must be evaluator, console or online, not '{command.Channel}'");
        }

        if (command.Channel != EvaluationChannels.Online && string.IsNullOrEmpty(command.CounterId))
        {
            return Outcome<Evaluated>.Fail(ErrorCodes.InvalidRequest, $"a rating from the {command.Channel} names the counter that served");
        }

        var reasons = command.ReasonIds?.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var text = ReasonText(command.ReasonText);
        if ((reasons.Count > 0 || text is not null) && !EvaluationLevels.IsBad(command.Score))
        {
            return Outcome<Evaluated>.Fail(ErrorCodes.InvalidRequest, "reasons are given with a bad rating (1 or 2) only");
        }

        if (reasons.FirstOrDefault(r => Hall.Evaluation.FindReason(r) is null) is { } unknown)
        {
            return Outcome<Evaluated>.Fail(ErrorCodes.UnknownReason, $"'{unknown}' is not one of the reasons of hall {Hall.Id}");
        }

        return Run(requestId, by, change =>
        {
            if (FindRated(command) is not { } ticket)
            {
                return Outcome<Evaluated>.Fail(ErrorCodes.UnknownTicket, command.Token is null
                    ? $"no ticket '{command.TicketNumber}' to rate in hall {Hall.Id}"
                    : $"no ticket with that tracking link in hall {Hall.Id}");
            }

            if (ticket.Status != TicketStatus.Finished || ticket.FinishedAt is not { } finished)
            {
                return Outcome<Evaluated>.Fail(ErrorCodes.InvalidTicketState, $"{ticket.Number} is not finished yet");
            }

            if (command.CounterId is { } counterId && ticket.CounterId != counterId)
            {
                return Outcome<Evaluated>.Fail(ErrorCodes.NotServedHere, $"{ticket.Number} was not served at {counterId}");
            }

            if (ticket.Score is not null)
            {
                return Outcome<Evaluated>.Fail(ErrorCodes.AlreadyEvaluated, $"{ticket.Number} was already rated");
            }

            if (!StillRateable(ticket, change.Now))
            {
                return Outcome<Evaluated>.Fail(ErrorCodes.EvaluationClosed, $"{ticket.Number} finished at {finished:HH:mm}; ratings close {Hall.Evaluation.WindowMinutes} minutes after finish");
            }

            var rated = ticket with { Score = command.Score };
            change.Put(rated);
            change.Emit(new TicketEvaluated
            {
                HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId,
                CounterId = ticket.CounterId!, StaffId = ticket.StaffId, Score = command.Score, Channel = command.Channel,
                ReasonIds = reasons.Count == 0 ? null : reasons, ReasonText = text,
            });

            if (!EvaluationLevels.IsBad(command.Score))
            {
                return Outcome<Evaluated>.Success(new Evaluated(rated, null));
            }

            var due = Hall.Calendar.AddWorkingDays(DateOnly.FromDateTime(change.Now.DateTime), Hall.Evaluation.FollowUpWorkingDays);
            var opened = new FollowUpCase
            {
                TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId,
                CounterId = ticket.CounterId!, StaffId = ticket.StaffId, Score = command.Score,
                ReasonIds = reasons, ReasonText = text, OpenedAt = change.Now, DueDate = due,
            };
            change.Put(opened);
            change.Emit(new FollowUpOpened
            {
                HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId,
                CounterId = ticket.CounterId!, StaffId = ticket.StaffId, Score = command.Score, DueDate = due,
            });
            return Outcome<Evaluated>.Success(new Evaluated(rated, opened));
        });
    }

    /// <summary>
    /// The ticket with that tracking token: today's, or an earlier one the engine still holds (one
    /// still being served, or finished and within its rating window). Null for an unknown token.
    /// </summary>
    public Ticket? FindByToken(string token)
    {
        lock (_gate)
        {
            return !string.IsNullOrEmpty(token) && _byToken.TryGetValue(token, out var id) && _tickets.TryGetValue(id, out var t) ? t : null;
        }
    }

    /// <summary>Until when <paramref name="ticket"/> may be rated (its finish plus the hall's window); null when it is not finished.</summary>
    public DateTimeOffset? RatingClosesAt(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.FinishedAt?.AddMinutes(Hall.Evaluation.WindowMinutes);
    }

    /// <summary>The ticket a rating names: by token; else today's number (served at the counter named), else an earlier day's finished ticket of that number, one still open to rating first.</summary>
    private Ticket? FindRated(EvaluateCommand command)
    {
        if (command.Token is { } token)
        {
            return _byToken.TryGetValue(token, out var byToken) ? _tickets.GetValueOrDefault(byToken) : null;
        }

        if (string.IsNullOrEmpty(command.TicketNumber))
        {
            return null;
        }

        var today = _tally.TryFind(command.TicketNumber, out var id) ? _tickets[id] : null;
        if (today is not null && (command.CounterId is null || today.CounterId == command.CounterId))
        {
            return today;
        }

        // After midnight the evaluator still names the number it was asked about at 23:50, which
        // a new day's ticket may already carry.
        var now = _time.GetUtcNow();
        return _tickets.Values
            .Where(t => t.ServiceDay < _tally.Day && t.Number == command.TicketNumber && t.Status == TicketStatus.Finished
                && (command.CounterId is null || t.CounterId == command.CounterId))
            .OrderByDescending(t => StillRateable(t, now))
            .ThenByDescending(t => t.FinishedAt)
            .FirstOrDefault() ?? today;
    }

    /// <summary>True while a finished, unrated ticket is within the hall's rating window.</summary>
    private bool StillRateable(Ticket t, DateTimeOffset now) =>
        t is { Status: TicketStatus.Finished, Score: null, FinishedAt: { } finished } && now - finished <= TimeSpan.FromMinutes(Hall.Evaluation.WindowMinutes);

    /// <summary>The reason text as kept: trimmed, at most <see cref="EvaluationPolicy.MaxReasonTextLength"/> characters, never half a character.</summary>
    private static string? ReasonText(string? text) => Cut(text, EvaluationPolicy.MaxReasonTextLength);

    /// <summary>Trims <paramref name="text"/> and cuts it to <paramref name="max"/> UTF-16 units without splitting a surrogate pair; null when nothing is left.</summary>
    private static string? Cut(string? text, int max)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length <= max)
        {
            return trimmed;
        }

        var end = char.IsHighSurrogate(trimmed[max - 1]) ? max - 1 : max;
        return trimmed[..end].TrimEnd();
    }
}
