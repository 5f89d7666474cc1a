using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>
/// The queue engine of one hall. Every command runs under one lock, is decided against the current
/// state, committed through <see cref="IHallJournal"/>, and only then installed in memory and
/// answered — so two counters calling at the same instant never get the same ticket, and nothing
/// acknowledged is lost when the process dies. If the commit throws, memory is left untouched.
/// </summary>
/// <remarks>
/// The engine holds the committed tickets and counters and runs the commands; the call order is
/// <see cref="CallPolicy"/>, the wait told to citizens <see cref="WaitEstimator"/>, repeated requests
/// <see cref="RequestLedger"/>, per-day numbering and limits <see cref="DayTally"/>, and a command's
/// pending changes <see cref="UnitOfWork"/>.
/// </remarks>
public sealed class HallEngine
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly IHallJournal _journal;
    private readonly Dictionary<string, Ticket> _tickets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CounterState> _counters = new(StringComparer.Ordinal);
    private readonly WaitingIndex _waiting = new();
    private readonly HashSet<string> _appointmentsUsed = new(StringComparer.Ordinal);
    private readonly CallPolicy _callPolicy;
    private readonly WaitEstimator _estimator;
    private readonly RequestLedger _ledger = new();
    private readonly DayTally _tally;
    private long _sequence;
    private bool _staleAfterRestore;

    private HallEngine(HallDefinition hall, IHallJournal journal, TimeProvider time)
    {
        Hall = hall;
        _journal = journal;
        _time = time;
        _callPolicy = new CallPolicy(hall, _waiting);
        _estimator = new WaitEstimator(hall, _waiting, _counters);
        _tally = new DayTally(hall, Today());
    }

    /// <summary>The hall this engine runs.</summary>
    public HallDefinition Hall { get; }

    /// <summary>Sequence of the last committed event.</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    /// <summary>Rebuilds a hall from its last committed state (or starts a new one from <see cref="HallSnapshot.Empty"/>).</summary>
    public static HallEngine Restore(HallDefinition hall, IHallJournal journal, TimeProvider time, HallSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(snapshot);

        var engine = new HallEngine(hall, journal, time);
        engine._sequence = snapshot.LastSequence;
        foreach (var c in hall.Counters)
        {
            engine._counters[c.Id] = new CounterState(c.Id, CounterStatus.Closed, null, null, null, time.GetUtcNow().ToOffset(engine.Offset()));
        }

        foreach (var c in snapshot.Counters.Where(c => engine._counters.ContainsKey(c.CounterId)))
        {
            engine._counters[c.CounterId] = c;
        }

        foreach (var t in snapshot.Tickets.OrderBy(t => t.FinishedAt ?? DateTimeOffset.MinValue))
        {
            engine.Install(t);
        }

        foreach (var r in snapshot.Requests)
        {
            engine._ledger.Remember(r);
        }

        engine._staleAfterRestore = snapshot.Tickets.Any(t => t.ServiceDay < engine._tally.Day && t.IsWaiting);
        return engine;
    }

    /// <summary>Issues a ticket, or says why not (<c>unknown-service</c>, <c>id-required</c>, <c>daily-limit</c>, <c>capacity-reached</c>).</summary>
    public Outcome<IssuedTicket> Issue(IssueTicketCommand command, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Run(requestId, change =>
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

    /// <summary>Signs staff in at a counter.</summary>
    public Outcome<CounterState> Login(string counterId, string staffId, string? requestId = null)
    {
        return Run(requestId, change =>
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
    public Outcome<CounterState> Logout(string counterId, string? requestId = null) =>
        ChangeCounter(counterId, "logout", CounterStatus.Closed, [CounterStatus.Idle, CounterStatus.Paused], requestId);

    /// <summary>Pauses calling at a counter; refused while a ticket is being served.</summary>
    public Outcome<CounterState> Pause(string counterId, string? requestId = null) =>
        ChangeCounter(counterId, "pause", CounterStatus.Paused, [CounterStatus.Idle], requestId);

    /// <summary>Resumes calling at a paused counter.</summary>
    public Outcome<CounterState> Resume(string counterId, string? requestId = null) =>
        ChangeCounter(counterId, "resume", CounterStatus.Idle, [CounterStatus.Paused], requestId);

    /// <summary>
    /// Calls the next ticket for a counter, atomically. Order: tickets transferred to this counter;
    /// priority tickets of its queues; a ticket past the service-level wait; then the queue head
    /// with the highest weight × waiting time. A ticket still being served is finished first, as
    /// pressing 叫号 on a real keypad does. The value is null when nobody waits.
    /// </summary>
    public Outcome<Ticket> CallNext(string counterId, string? requestId = null)
    {
        return Run(requestId, change =>
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
    public Outcome<Ticket> Recall(string counterId, string? requestId = null) => WithServed(counterId, requestId, (change, _, ticket) =>
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
    public Outcome<Ticket> Skip(string counterId, string? requestId = null) => WithServed(counterId, requestId, (change, state, ticket) =>
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
    public Outcome<Ticket> Finish(string counterId, string? requestId = null) => WithServed(counterId, requestId, (change, state, _) => FinishCurrent(change, state));

    /// <summary>
    /// Hands the ticket being served on to another queue (where it keeps its original issue time,
    /// so it is not sent to the back) and/or to a specific counter (which calls it first).
    /// </summary>
    public Outcome<Ticket> Transfer(string counterId, string? toQueueId, string? toCounterId, string? requestId = null)
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

        return WithServed(counterId, requestId, (change, state, ticket) =>
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

    /// <summary>Puts a skipped ticket back in its queue at its original place, within the hall's window.</summary>
    public Outcome<Ticket> Reinstate(string ticketNumber, string? requestId = null) => WithTicket(ticketNumber, requestId, (change, ticket) =>
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
    public Outcome<Ticket> Reprint(string ticketNumber, string? requestId = null) => WithTicket(ticketNumber, requestId, (change, ticket) =>
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
    public Outcome<Ticket> Void(string ticketNumber, string reason, string? requestId = null) => WithTicket(ticketNumber, requestId, (change, ticket) =>
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

    /// <summary>Records the citizen's 1–5 rating of a finished ticket at the counter that served it.</summary>
    public Outcome<Ticket> Evaluate(string ticketNumber, string counterId, int score, string? requestId = null)
    {
        if (score is < 1 or > 5)
        {
            return Outcome<Ticket>.Fail(ErrorCodes.InvalidScore, $"score must be 1 to 5, not {score}");
        }

        return WithTicket(ticketNumber, requestId, (change, ticket) =>
        {
            if (ticket.CounterId != counterId)
            {
                return Outcome<Ticket>.Fail(ErrorCodes.NotServedHere, $"{ticket.Number} was not served at {counterId}");
            }

            if (ticket.Status != TicketStatus.Finished)
            {
                return Outcome<Ticket>.Fail(ErrorCodes.InvalidTicketState, $"{ticket.Number} is not finished yet");
            }

            if (ticket.Score is not null)
            {
                return Outcome<Ticket>.Fail(ErrorCodes.AlreadyEvaluated, $"{ticket.Number} was already rated");
            }

            var rated = ticket with { Score = score };
            change.Put(rated);
            change.Emit(new TicketEvaluated
            {
                HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId,
                CounterId = counterId, Score = score,
            });
            return Outcome<Ticket>.Success(rated);
        });
    }

    /// <summary>Today's ticket with that printed number, if any.</summary>
    public Ticket? FindTicket(string ticketNumber)
    {
        lock (_gate)
        {
            return _tally.TryFind(ticketNumber, out var id) ? _tickets[id] : null;
        }
    }

    /// <summary>How many tickets will be called before this one, as things stand (0 when it is not waiting).</summary>
    public int WaitingAhead(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        lock (_gate)
        {
            return _tickets.TryGetValue(ticket.Id, out var current) && current.IsWaiting ? _waiting.Ahead(current) : 0;
        }
    }

    /// <summary>The state of one counter.</summary>
    public CounterState? FindCounter(string counterId)
    {
        lock (_gate)
        {
            return _counters.GetValueOrDefault(counterId);
        }
    }

    /// <summary>Every counter, in catalogue order.</summary>
    public IReadOnlyList<CounterState> Counters()
    {
        lock (_gate)
        {
            return Hall.Counters.Select(c => _counters[c.Id]).ToList();
        }
    }

    /// <summary>Live figures of every queue, in catalogue order.</summary>
    public IReadOnlyList<QueueStatus> Queues()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return Hall.Queues.Select(q =>
            {
                var waiting = _waiting.CountIn(q.Id);
                var oldest = _waiting.Oldest(q.Id);
                return new QueueStatus(
                    q.Id,
                    waiting,
                    oldest is null ? 0 : Math.Max(0, (now - oldest.IssuedAt).TotalSeconds),
                    _estimator.EstimateMinutes(q.Id, waiting),
                    _estimator.MeanHandlingSeconds(q.Id));
            }).ToList();
        }
    }

    /// <summary>Every ticket of the current service day, in issue order (for reports and checks).</summary>
    public IReadOnlyList<Ticket> TicketsToday()
    {
        lock (_gate)
        {
            return _tickets.Values.Where(t => t.ServiceDay == _tally.Day).OrderBy(t => t, WaitingIndex.IssueOrder.Instance).ToList();
        }
    }

    /// <summary>
    /// Runs one command under the lock: a repeated <paramref name="requestId"/> returns the first
    /// outcome and changes nothing; otherwise the command decides, a refusal is discarded, and the
    /// change (with the request's outcome, so a retry after a restart is answered the same) is
    /// committed before the outcome is returned.
    /// </summary>
    private Outcome<T> Run<T>(string? requestId, Func<UnitOfWork, Outcome<T>> command)
    {
        lock (_gate)
        {
            if (_ledger.TryReplay<T>(requestId, out var first))
            {
                return first;
            }

            var change = Begin();
            var outcome = command(change);
            if (!outcome.IsOk)
            {
                change.Rollback();
            }

            if (requestId is not null)
            {
                change.Remember(RequestLedger.Record(requestId, outcome, _tally.Day));
            }

            if (change.HasChanges)
            {
                Commit(change);
            }

            return outcome;
        }
    }

    private Outcome<CounterState> ChangeCounter(string counterId, string action, CounterStatus to, CounterStatus[] from, string? requestId)
    {
        return Run(requestId, change =>
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

    private Outcome<Ticket> WithServed(string counterId, string? requestId, Func<UnitOfWork, CounterState, Ticket, Ticket> act)
    {
        return Run(requestId, change =>
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

    private Outcome<Ticket> WithTicket(string ticketNumber, string? requestId, Func<UnitOfWork, Ticket, Outcome<Ticket>> act)
    {
        return Run(requestId, change =>
        {
            if (string.IsNullOrEmpty(ticketNumber) || !_tally.TryFind(ticketNumber, out var id))
            {
                return Outcome<Ticket>.Fail(ErrorCodes.UnknownTicket, $"no ticket '{ticketNumber}' today in hall {Hall.Id}");
            }

            return act(change, _tickets[id]);
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

    private Ticket VoidTicket(UnitOfWork change, Ticket ticket, string reason)
    {
        change.Emit(new TicketVoided
        {
            HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId, Reason = reason,
        });
        return ticket with { Status = TicketStatus.Voided, VoidReason = reason, TargetCounterId = null };
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

    private UnitOfWork Begin()
    {
        var change = new UnitOfWork(_tickets, _counters, _sequence, _time.GetUtcNow().ToOffset(Offset()));
        RollOverIfNewDay(change);
        return change;
    }

    /// <summary>
    /// At the first command of a new local day: tickets still waiting from an earlier day are voided
    /// (the hall closed on them), numbers restart at 001 and daily limits reset.
    /// </summary>
    private void RollOverIfNewDay(UnitOfWork change)
    {
        var today = DateOnly.FromDateTime(change.Now.DateTime);
        if (today == _tally.Day && !_staleAfterRestore)
        {
            return;
        }

        _staleAfterRestore = false;
        foreach (var stale in _tickets.Values.Where(t => t.ServiceDay < today && t.IsWaiting).ToList())
        {
            change.Put(VoidTicket(change, stale, "day-ended"));
        }

        if (change.HasChanges)
        {
            Commit(change);
        }

        if (today == _tally.Day)
        {
            return;
        }

        foreach (var old in _tickets.Values.Where(t => t.ServiceDay < today && t.Status != TicketStatus.Called).Select(t => t.Id).ToList())
        {
            _tickets.Remove(old);
        }

        _tally.StartDay(today);
        _ledger.Clear();
    }

    /// <summary>Commits the pending changes, then installs them: memory changes only once the journal has them.</summary>
    private void Commit(UnitOfWork change)
    {
        var committed = change.Commit(_journal, Hall.Id);
        _sequence = change.LastSequence;
        if (committed.Request is { } request)
        {
            _ledger.Remember(request);
        }

        var counters = committed.Counters;
        for (var i = 0; i < counters.Count; i++)
        {
            _counters[counters[i].CounterId] = counters[i];
        }

        var tickets = committed.Tickets;
        for (var i = 0; i < tickets.Count; i++)
        {
            Install(tickets[i]);
        }
    }

    /// <summary>Puts a ticket version into memory and keeps every index and counter in step.</summary>
    private void Install(Ticket t)
    {
        var old = _tickets.GetValueOrDefault(t.Id);
        if (old is not null && old.IsWaiting)
        {
            _waiting.Remove(old);
        }

        _tickets[t.Id] = t;
        if (t.IsWaiting)
        {
            _waiting.Add(t);
        }

        // A booking is used while its ticket stands; a voided ticket (a failed print) gives the
        // citizen the booking back to try again.
        if (t.AppointmentId is { } booking)
        {
            if (t.Status == TicketStatus.Voided)
            {
                _appointmentsUsed.Remove(booking);
            }
            else
            {
                _appointmentsUsed.Add(booking);
            }
        }

        _tally.Count(old, t);
        _estimator.Observe(old, t);
    }

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().ToOffset(Offset()).DateTime);

    private TimeSpan Offset() => Hall.TimeZone.GetUtcOffset(_time.GetUtcNow());
}
