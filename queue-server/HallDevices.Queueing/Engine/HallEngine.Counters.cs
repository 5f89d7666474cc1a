using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <content>The commands of a counter: sign-in and out, pause and resume, and what it does with the ticket it serves (call-next, recall, skip, finish, transfer).</content>
public sealed partial class HallEngine
{
    /// <summary>Signs staff in at a counter.</summary>
    public Outcome<CounterState> Login(string counterId, string staffId, string? requestId = null, string? by = null)
    {
        return Run(requestId, by, change =>
        {
            if (!TryCounter(counterId, out var state, out var error))
            {
                return Outcome<CounterState>.Fail(error.Code, error.Message);
            }

            if (string.IsNullOrWhiteSpace(staffId))
            {
                return Outcome<CounterState>.Fail(ErrorCodes.InvalidRequest, "login needs a staffId");
            }

            if (state.Status != CounterStatus.Closed)
            {
                return state.StaffId == staffId
                    ? Outcome<CounterState>.Success(state)
                    : Outcome<CounterState>.Fail(ErrorCodes.CounterOccupied, $"{state.StaffId} is signed in at {counterId}");
            }

            if (_counters.Values.FirstOrDefault(c => c.StaffId == staffId && c.Status != CounterStatus.Closed) is { } other)
            {
                return Outcome<CounterState>.Fail(ErrorCodes.StaffElsewhere, $"{staffId} is signed in at {other.CounterId}");
            }

            var next = new CounterState(counterId, CounterStatus.Idle, staffId, null, null, change.Now);
            change.Put(next);
            change.Emit(new CounterChanged { HallId = Hall.Id, CounterId = counterId, Action = "login", StaffId = staffId, Status = next.Status });
            return Outcome<CounterState>.Success(next);
        });
    }

    /// <summary>Signs staff out; refused while a ticket is being served.</summary>
    public Outcome<CounterState> Logout(string counterId, string? requestId = null, string? by = null) =>
        ChangeCounter(counterId, "logout", CounterStatus.Closed, [CounterStatus.Idle, CounterStatus.Paused], requestId, by);

    /// <summary>Pauses calling at a counter; refused while a ticket is being served.</summary>
    public Outcome<CounterState> Pause(string counterId, string? requestId = null, string? by = null) =>
        ChangeCounter(counterId, "pause", CounterStatus.Paused, [CounterStatus.Idle], requestId, by);

    /// <summary>Resumes calling at a paused counter.</summary>
    public Outcome<CounterState> Resume(string counterId, string? requestId = null, string? by = null) =>
        ChangeCounter(counterId, "resume", CounterStatus.Idle, [CounterStatus.Paused], requestId, by);

    /// <summary>
    /// Calls the next ticket for a counter, atomically. Order: tickets transferred to this counter;
    /// priority tickets of its queues; a ticket past the service-level wait; then the queue head
    /// with the highest weight × waiting time. A ticket still being served is finished first, as
    /// pressing 叫号 on a real keypad does. The value is null when nobody waits.
    /// </summary>
    public Outcome<Ticket> CallNext(string counterId, string? requestId = null, string? by = null)
    {
        return Run(requestId, by, change =>
        {
            if (!TryCounter(counterId, out var state, out var error))
            {
                return Outcome<Ticket>.Fail(error.Code, error.Message);
            }

            switch (state.Status)
            {
                case CounterStatus.Closed:
                    return Outcome<Ticket>.Fail(ErrorCodes.CounterClosed, $"nobody is signed in at {counterId}");
                case CounterStatus.Paused:
                    return Outcome<Ticket>.Fail(ErrorCodes.CounterPaused, $"{counterId} is paused; resume first");
                case CounterStatus.Serving:
                    FinishCurrent(change, state);
                    state = change.Counter(counterId)!;
                    break;
            }

            var next = _callPolicy.SelectNext(Hall.FindCounter(counterId)!, change.Now);
            if (next is null)
            {
                return Outcome<Ticket>.Success(null);
            }

            var called = next with
            {
                Status = TicketStatus.Called,
                CounterId = counterId,
                StaffId = state.StaffId,
                CalledAt = change.Now,
                TargetCounterId = null,
            };
            change.Put(called);
            change.Put(state with { Status = CounterStatus.Serving, TicketId = called.Id, TicketNumber = called.Number, Since = change.Now });
            change.Emit(new TicketCalled
            {
                HallId = Hall.Id, TicketId = called.Id, Number = called.Number, QueueId = called.QueueId, ServiceId = called.ServiceId,
                CounterId = counterId, StaffId = state.StaffId, WaitedSeconds = (change.Now - called.IssuedAt).TotalSeconds,
            });
            return Outcome<Ticket>.Success(called);
        });
    }

    /// <summary>Announces the ticket being served again and counts the recall.</summary>
    public Outcome<Ticket> Recall(string counterId, string? requestId = null, string? by = null) => WithServed(counterId, requestId, by, (change, _, ticket) =>
    {
        var recalled = ticket with { RecallCount = ticket.RecallCount + 1 };
        change.Put(recalled);
        change.Emit(new TicketRecalled
        {
            HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId,
            CounterId = counterId, RecallCount = recalled.RecallCount,
        });
        return recalled;
    });

    /// <summary>Marks the ticket being served as a no-show (过号).</summary>
    public Outcome<Ticket> Skip(string counterId, string? requestId = null, string? by = null) => WithServed(counterId, requestId, by, (change, state, ticket) =>
    {
        var skipped = ticket with { Status = TicketStatus.NoShow, SkippedAt = change.Now };
        change.Put(skipped);
        change.Put(state with { Status = CounterStatus.Idle, TicketId = null, TicketNumber = null, Since = change.Now });
        change.Emit(new TicketSkipped
        {
            HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId, CounterId = counterId,
        });
        return skipped;
    });

    /// <summary>Finishes the ticket being served.</summary>
    public Outcome<Ticket> Finish(string counterId, string? requestId = null, string? by = null) => WithServed(counterId, requestId, by, (change, state, _) => FinishCurrent(change, state));

    /// <summary>
    /// Hands the ticket being served on to another queue (where it keeps its original issue time,
    /// so it is not sent to the back) and/or to a specific counter (which calls it first).
    /// </summary>
    public Outcome<Ticket> Transfer(string counterId, string? toQueueId, string? toCounterId, string? requestId = null, string? by = null)
    {
        if (string.IsNullOrEmpty(toQueueId) && string.IsNullOrEmpty(toCounterId))
        {
            return Outcome<Ticket>.Fail(ErrorCodes.InvalidRequest, "transfer needs toQueueId or toCounterId");
        }

        if (toQueueId is { Length: > 0 } && Hall.FindQueue(toQueueId) is null)
        {
            return Outcome<Ticket>.Fail(ErrorCodes.UnknownQueue, $"no queue '{toQueueId}' in hall {Hall.Id}");
        }

        if (toCounterId is { Length: > 0 } && (Hall.FindCounter(toCounterId) is null || toCounterId == counterId))
        {
            return Outcome<Ticket>.Fail(ErrorCodes.UnknownCounter, $"cannot transfer from {counterId} to counter '{toCounterId}'");
        }

        return WithServed(counterId, requestId, by, (change, state, ticket) =>
        {
            var moved = ticket with
            {
                Status = TicketStatus.Transferred,
                QueueId = string.IsNullOrEmpty(toQueueId) ? ticket.QueueId : toQueueId,
                TargetCounterId = string.IsNullOrEmpty(toCounterId) ? null : toCounterId,
                TransferredAt = change.Now,
                TransferCount = ticket.TransferCount + 1,
            };
            change.Put(moved);
            change.Put(state with { Status = CounterStatus.Idle, TicketId = null, TicketNumber = null, Since = change.Now });
            change.Emit(new TicketTransferred
            {
                HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = moved.QueueId, ServiceId = ticket.ServiceId,
                FromCounterId = counterId, FromQueueId = ticket.QueueId, ToCounterId = moved.TargetCounterId,
            });
            return moved;
        });
    }

    private Outcome<CounterState> ChangeCounter(string counterId, string action, CounterStatus to, CounterStatus[] from, string? requestId, string? by)
    {
        return Run(requestId, by, change =>
        {
            if (!TryCounter(counterId, out var state, out var error))
            {
                return Outcome<CounterState>.Fail(error.Code, error.Message);
            }

            if (state.Status == to)
            {
                return Outcome<CounterState>.Success(state);
            }

            if (!from.Contains(state.Status))
            {
                return state.Status switch
                {
                    CounterStatus.Serving => Outcome<CounterState>.Fail(ErrorCodes.TicketInProgress, $"{counterId} is serving {state.TicketNumber}; finish, skip or transfer it first"),
                    CounterStatus.Closed => Outcome<CounterState>.Fail(ErrorCodes.CounterClosed, $"nobody is signed in at {counterId}"),
                    _ => Outcome<CounterState>.Fail(ErrorCodes.CounterPaused, $"{counterId} is paused; resume first"),
                };
            }

            var next = state with
            {
                Status = to,
                StaffId = to == CounterStatus.Closed ? null : state.StaffId,
                Since = change.Now,
            };
            change.Put(next);
            change.Emit(new CounterChanged { HallId = Hall.Id, CounterId = counterId, Action = action, StaffId = state.StaffId, Status = to });
            return Outcome<CounterState>.Success(next);
        });
    }

    private Outcome<Ticket> WithServed(string counterId, string? requestId, string? by, Func<UnitOfWork, CounterState, Ticket, Ticket> act)
    {
        return Run(requestId, by, change =>
        {
            if (!TryCounter(counterId, out var state, out var error))
            {
                return Outcome<Ticket>.Fail(error.Code, error.Message);
            }

            if (state.Status != CounterStatus.Serving || state.TicketId is null)
            {
                return state.Status == CounterStatus.Closed
                    ? Outcome<Ticket>.Fail(ErrorCodes.CounterClosed, $"nobody is signed in at {counterId}")
                    : Outcome<Ticket>.Fail(ErrorCodes.NotServing, $"{counterId} is not serving a ticket");
            }

            return Outcome<Ticket>.Success(act(change, state, _tickets[state.TicketId]));
        });
    }

    private Ticket FinishCurrent(UnitOfWork change, CounterState state)
    {
        var ticket = change.Ticket(state.TicketId!);
        var finished = ticket with { Status = TicketStatus.Finished, FinishedAt = change.Now };
        change.Put(finished);
        change.Put(state with { Status = CounterStatus.Idle, TicketId = null, TicketNumber = null, Since = change.Now });
        change.Emit(new TicketFinished
        {
            HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId,
            CounterId = state.CounterId, StaffId = state.StaffId,
            HandledSeconds = (change.Now - (ticket.CalledAt ?? change.Now)).TotalSeconds,
            WaitedSeconds = ((ticket.CalledAt ?? change.Now) - ticket.IssuedAt).TotalSeconds,
        });
        return finished;
    }

    private bool TryCounter(string counterId, out CounterState state, out QueueError error)
    {
        if (counterId is not null && _counters.TryGetValue(counterId, out state!))
        {
            error = null!;
            return true;
        }

        error = new QueueError(ErrorCodes.UnknownCounter, $"no counter '{counterId}' in hall {Hall.Id}");
        state = null!;
        return false;
    }
}
