using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <content>The commands about one ticket: issue, and by its printed number reinstate, reprint and void (rating is in <c>HallEngine.Evaluation.cs</c>).</content>
public sealed partial class HallEngine
{
    /// <summary>Issues a ticket, or says why not (<c>unknown-service</c>, <c>id-required</c>, <c>daily-limit</c>, <c>capacity-reached</c>).</summary>
    public Outcome<IssuedTicket> Issue(IssueTicketCommand command, string? requestId = null, string? by = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Run(requestId, by, change =>
        {
            var service = Hall.FindService(command.ServiceId);
            if (service is null)
            {
                return Outcome<IssuedTicket>.Fail(ErrorCodes.UnknownService, $"no service '{command.ServiceId}' in hall {Hall.Id}");
            }

            // A reused booking is refused as such, whatever else is missing.
            if (command.AppointmentId is { } booking && _appointmentsUsed.Contains(booking))
            {
                return Outcome<IssuedTicket>.Fail(ErrorCodes.AppointmentUsed, "this appointment was already checked in");
            }

            if (service.NeedsIdCard && command.Citizen is null)
            {
                return Outcome<IssuedTicket>.Fail(ErrorCodes.IdRequired, $"{service.Name} needs the resident ID card");
            }

            if (command.Priority == TicketPriority.Appointment && !service.AppointmentAllowed)
            {
                return Outcome<IssuedTicket>.Fail(ErrorCodes.AppointmentNotAllowed, $"{service.Name} takes no appointments");
            }

            if (service.DailyCapacity is { } capacity && _tally.IssuedFor(service.Id) >= capacity)
            {
                return Outcome<IssuedTicket>.Fail(ErrorCodes.CapacityReached, $"today's {capacity} tickets for {service.Name} are all taken");
            }

            if (service.DailyLimitPerPerson is { } limit && command.Citizen is { } citizen
                && _tally.IssuedTo(service.Id, citizen.Hash) >= limit)
            {
                return Outcome<IssuedTicket>.Fail(ErrorCodes.DailyLimit, $"one person may take {limit} ticket(s) a day for {service.Name}");
            }

            if (command.Token is { } token && (token.Length == 0 || _byToken.ContainsKey(token)))
            {
                return Outcome<IssuedTicket>.Fail(ErrorCodes.InvalidRequest, "the tracking token is empty or already in use");
            }

            var queue = Hall.FindQueue(service.QueueId)!;
            var sequence = _tally.NextSequence(queue.Id);
            var number = Ticket.FormatNumber(queue.Prefix, sequence);
            var now = change.Now;
            var day = _tally.Day;
            var ticket = new Ticket
            {
                Id = $"{day:yyyyMMdd}-{number}",
                Number = number,
                QueueId = queue.Id,
                ServiceId = service.Id,
                ServiceDay = day,
                Sequence = sequence,
                IssuedAt = now,
                Status = TicketStatus.Waiting,
                Priority = command.Priority,
                Channel = string.IsNullOrWhiteSpace(command.Channel) ? "kiosk" : command.Channel,
                DeviceId = command.DeviceId,
                IdHash = command.Citizen?.Hash,
                MaskedId = command.Citizen?.Masked,
                AppointmentId = command.AppointmentId,
                Token = command.Token,
            };

            // Ahead and estimate as they will be once the ticket is in: count before installing.
            var ahead = _estimator.AheadOfNew(ticket);
            var estimate = _estimator.EstimateMinutes(queue.Id, ahead);
            change.Put(ticket);
            change.Emit(new TicketIssued
            {
                HallId = Hall.Id, TicketId = ticket.Id, Number = number, QueueId = queue.Id, ServiceId = service.Id,
                Channel = ticket.Channel, DeviceId = ticket.DeviceId, Priority = ticket.Priority,
                WaitingAhead = ahead, EstimatedWaitMinutes = estimate,
            });
            return Outcome<IssuedTicket>.Success(new IssuedTicket(ticket, ahead, estimate));
        });
    }

    /// <summary>Puts a skipped ticket back in its queue at its original place, within the hall's window.</summary>
    public Outcome<Ticket> Reinstate(string ticketNumber, string? requestId = null, string? by = null) => WithTicket(ticketNumber, requestId, by, (change, ticket) =>
    {
        if (ticket.Status != TicketStatus.NoShow)
        {
            return Outcome<Ticket>.Fail(ErrorCodes.InvalidTicketState, $"{ticket.Number} was not skipped");
        }

        var window = TimeSpan.FromMinutes(Hall.Policy.ReinstateWindowMinutes);
        if (change.Now - ticket.SkippedAt!.Value > window)
        {
            return Outcome<Ticket>.Fail(ErrorCodes.ReinstateWindowPassed, $"{ticket.Number} was skipped more than {Hall.Policy.ReinstateWindowMinutes} minutes ago; please take a new ticket");
        }

        var back = ticket with { Status = TicketStatus.Waiting, TargetCounterId = null };
        change.Put(back);
        change.Emit(new TicketReinstated { HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId });
        return Outcome<Ticket>.Success(back);
    });

    /// <summary>
    /// Brings back a ticket voided because its receipt did not print, so the staff console can print
    /// it for the citizen: it waits again at its original place, with its number.
    /// </summary>
    public Outcome<Ticket> Reprint(string ticketNumber, string? requestId = null, string? by = null) => WithTicket(ticketNumber, requestId, by, (change, ticket) =>
    {
        if (ticket.Status != TicketStatus.Voided || ticket.VoidReason?.StartsWith("print-failed", StringComparison.Ordinal) != true)
        {
            return Outcome<Ticket>.Fail(ErrorCodes.InvalidTicketState, $"{ticket.Number} was not voided by a failed print");
        }

        var back = ticket with { Status = TicketStatus.Waiting, VoidReason = null };
        change.Put(back);
        change.Emit(new TicketReinstated { HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId });
        return Outcome<Ticket>.Success(back);
    });

    /// <summary>Voids a waiting ticket (a failed print, a cancelled visit). Voiding twice is harmless.</summary>
    public Outcome<Ticket> Void(string ticketNumber, string reason, string? requestId = null, string? by = null) => WithTicket(ticketNumber, requestId, by, (change, ticket) =>
    {
        if (ticket.Status == TicketStatus.Voided)
        {
            return Outcome<Ticket>.Success(ticket);
        }

        if (!ticket.IsWaiting)
        {
            return Outcome<Ticket>.Fail(ErrorCodes.InvalidTicketState, $"{ticket.Number} is {ticket.Status} and can no longer be voided");
        }

        change.Put(VoidTicket(change, ticket, reason));
        return Outcome<Ticket>.Success(change.Ticket(ticket.Id));
    });

    private Outcome<Ticket> WithTicket(string ticketNumber, string? requestId, string? by, Func<UnitOfWork, Ticket, Outcome<Ticket>> act)
    {
        return Run(requestId, by, change =>
        {
            if (string.IsNullOrEmpty(ticketNumber) || !_tally.TryFind(ticketNumber, out var id))
            {
                return Outcome<Ticket>.Fail(ErrorCodes.UnknownTicket, $"no ticket '{ticketNumber}' today in hall {Hall.Id}");
            }

            return act(change, _tickets[id]);
        });
    }

    private Ticket VoidTicket(UnitOfWork change, Ticket ticket, string reason)
    {
        change.Emit(new TicketVoided
        {
            HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId, Reason = reason,
        });
        return ticket with { Status = TicketStatus.Voided, VoidReason = reason, TargetCounterId = null };
    }
}
