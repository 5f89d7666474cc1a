using System.Text.Json;
using System.Text.Json.Serialization;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>
/// The queue engine of one hall. Every command runs under one lock, is decided against the current
/// state, committed through <see cref="IHallJournal"/>, and only then installed in memory and
/// answered — so two counters calling at the same instant never get the same ticket, and nothing
/// acknowledged is lost when the process dies. If the commit throws, memory is left untouched.
/// </summary>
public sealed class HallEngine
{
    private const int HandlingSamples = 20;

    private static readonly JsonSerializerOptions OutcomeJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly IHallJournal _journal;
    private readonly Dictionary<string, Ticket> _tickets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _todayByNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CounterState> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lastSequence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _issuedPerService = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Service, string IdHash), int> _issuedPerPerson = [];
    private readonly Dictionary<string, Queue<double>> _handling = new(StringComparer.Ordinal);
    private readonly WaitingIndex _waiting = new();
    private readonly Dictionary<string, ProcessedRequest> _requests = new(StringComparer.Ordinal);
    private readonly HashSet<string> _appointmentsUsed = new(StringComparer.Ordinal);
    private DateOnly _day;
    private long _sequence;
    private bool _staleAfterRestore;

    private HallEngine(HallDefinition hall, IHallJournal journal, TimeProvider time)
    {
        Hall = hall;
        _journal = journal;
        _time = time;
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
        engine._day = engine.Today();
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
            engine._requests[r.RequestId] = r;
        }

        engine._staleAfterRestore = snapshot.Tickets.Any(t => t.ServiceDay < engine._day && t.IsWaiting);
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

            if (service.DailyCapacity is { } capacity && _issuedPerService.GetValueOrDefault(service.Id) >= capacity)
            {
                return Outcome<IssuedTicket>.Fail(ErrorCodes.CapacityReached, $"today's {capacity} tickets for {service.Name} are all taken");
            }

            if (service.DailyLimitPerPerson is { } limit && command.Citizen is { } citizen
                && _issuedPerPerson.GetValueOrDefault((service.Id, citizen.Hash)) >= limit)
            {
                return Outcome<IssuedTicket>.Fail(ErrorCodes.DailyLimit, $"one person may take {limit} ticket(s) a day for {service.Name}");
            }

            var queue = Hall.FindQueue(service.QueueId)!;
            var sequence = _lastSequence.GetValueOrDefault(queue.Id) + 1;
            var number = Ticket.FormatNumber(queue.Prefix, sequence);
            var now = change.Now;
            var ticket = new Ticket
            {
                Id = $"{_day:yyyyMMdd}-{number}",
                Number = number,
                QueueId = queue.Id,
                ServiceId = service.Id,
                ServiceDay = _day,
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
            var ahead = (ticket.Priority == TicketPriority.Normal ? _waiting.CountIn(queue.Id) : CountPriorityAhead(ticket));
            var estimate = EstimateMinutes(queue.Id, ahead);
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

            var next = SelectNext(Hall.FindCounter(counterId)!, change.Now);
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
            return _todayByNumber.TryGetValue(ticketNumber, out var id) ? _tickets[id] : null;
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
                    EstimateMinutes(q.Id, waiting),
                    MeanHandlingSeconds(q.Id));
            }).ToList();
        }
    }

    /// <summary>Every ticket of the current service day, in issue order (for reports and checks).</summary>
    public IReadOnlyList<Ticket> TicketsToday()
    {
        lock (_gate)
        {
            return _tickets.Values.Where(t => t.ServiceDay == _day).OrderBy(t => t, WaitingIndex.IssueOrder.Instance).ToList();
        }
    }

    /// <summary>
    /// Runs one command under the lock: a repeated <paramref name="requestId"/> returns the first
    /// outcome and changes nothing; otherwise the command decides, a refusal is discarded, and the
    /// change (with the request's outcome, so a retry after a restart is answered the same) is
    /// committed before the outcome is returned.
    /// </summary>
    private Outcome<T> Run<T>(string? requestId, Func<Change, Outcome<T>> command)
    {
        lock (_gate)
        {
            if (requestId is not null && _requests.TryGetValue(requestId, out var seen))
            {
                return Replay<T>(seen);
            }

            var change = Begin();
            var outcome = command(change);
            if (!outcome.IsOk)
            {
                change.Reset();
            }

            if (requestId is not null)
            {
                var stored = new StoredOutcome<T>(outcome.Value, outcome.Error);
                change.Remember(new ProcessedRequest(requestId, typeof(T).Name, JsonSerializer.Serialize(stored, OutcomeJson), _day));
            }

            if (change.HasChanges)
            {
                Commit(change);
            }

            return outcome;
        }
    }

    private static Outcome<T> Replay<T>(ProcessedRequest seen)
    {
        if (seen.Kind != typeof(T).Name)
        {
            return Outcome<T>.Fail(ErrorCodes.RequestIdReused, $"requestId '{seen.RequestId}' was already used for another kind of request");
        }

        var stored = JsonSerializer.Deserialize<StoredOutcome<T>>(seen.OutcomeJson, OutcomeJson)!;
        return stored.Error is { } e ? Outcome<T>.Fail(e.Code, e.Message) : Outcome<T>.Success(stored.Value);
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

    private Outcome<Ticket> WithServed(string counterId, string? requestId, Func<Change, CounterState, Ticket, Ticket> act)
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

    private Outcome<Ticket> WithTicket(string ticketNumber, string? requestId, Func<Change, Ticket, Outcome<Ticket>> act)
    {
        return Run(requestId, change =>
        {
            if (string.IsNullOrEmpty(ticketNumber) || !_todayByNumber.TryGetValue(ticketNumber, out var id))
            {
                return Outcome<Ticket>.Fail(ErrorCodes.UnknownTicket, $"no ticket '{ticketNumber}' today in hall {Hall.Id}");
            }

            return act(change, _tickets[id]);
        });
    }

    private Ticket FinishCurrent(Change change, CounterState state)
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

    private Ticket VoidTicket(Change change, Ticket ticket, string reason)
    {
        change.Emit(new TicketVoided
        {
            HallId = Hall.Id, TicketId = ticket.Id, Number = ticket.Number, QueueId = ticket.QueueId, ServiceId = ticket.ServiceId, Reason = reason,
        });
        return ticket with { Status = TicketStatus.Voided, VoidReason = reason, TargetCounterId = null };
    }

    private Ticket? SelectNext(CounterDefinition counter, DateTimeOffset now)
    {
        if (_waiting.TargetedAt(counter.Id) is { } targeted)
        {
            return targeted;
        }

        var served = Hall.QueuesServedBy(counter);
        Ticket? best = null;
        foreach (var q in served)
        {
            if (_waiting.PriorityHead(q.QueueId) is { } p
                && (best is null || p.Priority > best.Priority || (p.Priority == best.Priority && WaitingIndex.IssueOrder.Instance.Compare(p, best) < 0)))
            {
                best = p;
            }
        }

        if (best is not null)
        {
            return best;
        }

        var sla = TimeSpan.FromMinutes(Hall.Policy.ServiceLevelWaitMinutes);
        Ticket? overdue = null;
        Ticket? weighted = null;
        var bestScore = double.MinValue;
        foreach (var q in served)
        {
            if (_waiting.NormalHead(q.QueueId) is not { } head)
            {
                continue;
            }

            var waited = now - head.IssuedAt;
            if (waited >= sla && (overdue is null || WaitingIndex.IssueOrder.Instance.Compare(head, overdue) < 0))
            {
                overdue = head;
            }

            var score = q.Weight * Math.Max(0, waited.TotalSeconds);
            if (score > bestScore || (score == bestScore && weighted is not null && WaitingIndex.IssueOrder.Instance.Compare(head, weighted) < 0))
            {
                bestScore = score;
                weighted = head;
            }
        }

        return overdue ?? weighted;
    }

    private int CountPriorityAhead(Ticket ticket) =>
        Hall.Queues.Where(q => q.Id == ticket.QueueId).Sum(q =>
        {
            var head = _waiting.PriorityHead(q.Id);
            return head is null ? 0 : _waiting.Ahead(head) + 1;
        });

    /// <summary>
    /// Ahead × mean handling time ÷ service rate, where the rate is the share of each open counter's
    /// attention that goes to this queue (weight over the counter's total weight). With no counter
    /// open, the rate of all counters is assumed, as the hall will open them.
    /// </summary>
    private int EstimateMinutes(string queueId, int ahead)
    {
        if (ahead == 0)
        {
            return 0;
        }

        double Rate(bool openOnly) => Hall.Counters
            .Where(c => !openOnly || _counters[c.Id].Status is CounterStatus.Idle or CounterStatus.Serving)
            .Sum(c =>
            {
                var queues = Hall.QueuesServedBy(c);
                var weight = queues.FirstOrDefault(q => q.QueueId == queueId)?.Weight ?? 0;
                return weight / queues.Sum(q => q.Weight);
            });

        var rate = Rate(openOnly: true);
        if (rate <= 0)
        {
            rate = Rate(openOnly: false);
        }

        return (int)Math.Ceiling(ahead * MeanHandlingSeconds(queueId) / 60.0 / Math.Max(rate, 0.01));
    }

    private double MeanHandlingSeconds(string queueId) =>
        _handling.TryGetValue(queueId, out var samples) && samples.Count > 0
            ? samples.Average()
            : Hall.Policy.DefaultHandlingMinutes * 60;

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

    private Change Begin()
    {
        var change = new Change(this, _time.GetUtcNow().ToOffset(Offset()));
        RollOverIfNewDay(change);
        return change;
    }

    /// <summary>
    /// At the first command of a new local day: tickets still waiting from an earlier day are voided
    /// (the hall closed on them), numbers restart at 001 and daily limits reset.
    /// </summary>
    private void RollOverIfNewDay(Change change)
    {
        var today = DateOnly.FromDateTime(change.Now.DateTime);
        if (today == _day && !_staleAfterRestore)
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

        if (today == _day)
        {
            return;
        }

        _day = today;
        foreach (var old in _tickets.Values.Where(t => t.ServiceDay < today && t.Status != TicketStatus.Called).Select(t => t.Id).ToList())
        {
            _tickets.Remove(old);
        }

        _todayByNumber.Clear();
        _requests.Clear();
        _lastSequence.Clear();
        _issuedPerService.Clear();
        _issuedPerPerson.Clear();
        change.Reset();
    }

    private void Commit(Change change)
    {
        var events = change.Events;
        _journal.Commit(new HallChange(Hall.Id, events, change.Tickets, change.Counters) { Request = change.Request });
        _sequence += events.Count;
        if (change.Request is { } request)
        {
            _requests[request.RequestId] = request;
        }

        foreach (var c in change.Counters)
        {
            _counters[c.CounterId] = c;
        }

        foreach (var t in change.Tickets)
        {
            Install(t);
        }

        change.Reset();
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

        if (t.ServiceDay == _day)
        {
            _todayByNumber[t.Number] = t.Id;
            if (old is null)
            {
                var queuePrefix = Hall.FindQueue(OriginalQueue(t))?.Id ?? t.QueueId;
                _lastSequence[queuePrefix] = Math.Max(_lastSequence.GetValueOrDefault(queuePrefix), t.Sequence);
            }

            var counted = t.Status != TicketStatus.Voided;
            var wasCounted = old is not null && old.Status != TicketStatus.Voided;
            if (counted != wasCounted)
            {
                var delta = counted ? 1 : -1;
                _issuedPerService[t.ServiceId] = _issuedPerService.GetValueOrDefault(t.ServiceId) + delta;
                if (t.IdHash is { } hash)
                {
                    _issuedPerPerson[(t.ServiceId, hash)] = _issuedPerPerson.GetValueOrDefault((t.ServiceId, hash)) + delta;
                }
            }
        }

        if (t.Status == TicketStatus.Finished && old?.Status != TicketStatus.Finished && t.CalledAt is { } called && t.FinishedAt is { } done)
        {
            if (!_handling.TryGetValue(t.QueueId, out var samples))
            {
                samples = new Queue<double>(HandlingSamples);
                _handling[t.QueueId] = samples;
            }

            samples.Enqueue(Math.Max(0, (done - called).TotalSeconds));
            if (samples.Count > HandlingSamples)
            {
                samples.Dequeue();
            }
        }
    }

    /// <summary>The queue whose number series a ticket belongs to: the queue with its prefix.</summary>
    private string OriginalQueue(Ticket t)
    {
        var prefix = t.Number.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        return Hall.Queues.FirstOrDefault(q => q.Prefix == prefix)?.Id ?? t.QueueId;
    }

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().ToOffset(Offset()).DateTime);

    private TimeSpan Offset() => Hall.TimeZone.GetUtcOffset(_time.GetUtcNow());

    private sealed record StoredOutcome<T>(T? Value, QueueError? Error);

    /// <summary>The pending changes of one command: read-your-writes on top of the committed state.</summary>
    private sealed class Change(HallEngine engine, DateTimeOffset now)
    {
        private readonly Dictionary<string, Ticket> _tickets = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CounterState> _counters = new(StringComparer.Ordinal);
        private readonly List<HallEvent> _events = [];

        public DateTimeOffset Now { get; } = now;

        public bool HasChanges => _events.Count > 0 || _tickets.Count > 0 || _counters.Count > 0 || Request is not null;

        public ProcessedRequest? Request { get; private set; }

        public void Remember(ProcessedRequest request) => Request = request;

        public IReadOnlyList<HallEvent> Events => _events.ToList();

        public IReadOnlyList<Ticket> Tickets => _tickets.Values.ToList();

        public IReadOnlyList<CounterState> Counters => _counters.Values.ToList();

        public Ticket Ticket(string id) => _tickets.GetValueOrDefault(id) ?? engine._tickets[id];

        public CounterState? Counter(string id) => _counters.GetValueOrDefault(id) ?? engine._counters.GetValueOrDefault(id);

        public void Put(Ticket t) => _tickets[t.Id] = t;

        public void Put(CounterState c) => _counters[c.CounterId] = c;

        public void Emit(HallEvent e) => _events.Add(e with { Sequence = engine._sequence + _events.Count + 1, At = Now });

        public void Reset()
        {
            Request = null;
            _tickets.Clear();
            _counters.Clear();
            _events.Clear();
        }
    }
}
