using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Reporting;

/// <summary>
/// The properties of every event type as <see cref="FastEventReader"/> collects them from a line:
/// one bit per property, which properties each type has and needs (its <c>required</c> members),
/// and the record built from them.
/// </summary>
internal struct EventFields
{
    public const ulong Sequence = 1UL << 0, HallId = 1UL << 1, At = 1UL << 2, By = 1UL << 3;
    public const ulong TicketId = 1UL << 4, Number = 1UL << 5, QueueId = 1UL << 6, ServiceId = 1UL << 7;
    public const ulong Channel = 1UL << 8, DeviceId = 1UL << 9, Priority = 1UL << 10, WaitingAhead = 1UL << 11, EstimatedWait = 1UL << 12;
    public const ulong CounterId = 1UL << 13, StaffId = 1UL << 14, WaitedSeconds = 1UL << 15, RecallCount = 1UL << 16, HandledSeconds = 1UL << 17;
    public const ulong FromCounterId = 1UL << 18, FromQueueId = 1UL << 19, ToCounterId = 1UL << 20, Reason = 1UL << 21;
    public const ulong Score = 1UL << 22, ReasonIds = 1UL << 23, ReasonText = 1UL << 24, DueDate = 1UL << 25, Step = 1UL << 26;
    public const ulong Note = 1UL << 27, Satisfaction = 1UL << 28, Upheld = 1UL << 29, Action = 1UL << 30, Status = 1UL << 31;

    private const ulong Base = Sequence | HallId | At | By;
    private const ulong Ticket = Base | TicketId | Number | QueueId | ServiceId;
    private const ulong TicketRequired = HallId | TicketId | Number | QueueId | ServiceId;

    public ulong Seen;
    public long SequenceValue;
    public string? HallIdValue, ByValue, TicketIdValue, NumberValue, QueueIdValue, ServiceIdValue, ChannelValue, DeviceIdValue;
    public string? CounterIdValue, StaffIdValue, FromCounterIdValue, FromQueueIdValue, ToCounterIdValue, ReasonValue;
    public string? ReasonTextValue, StepValue, NoteValue, ActionValue;
    public DateTimeOffset AtValue;
    public TicketPriority PriorityValue;
    public CounterStatus StatusValue;
    public RectificationSatisfaction? SatisfactionValue;
    public int WaitingAheadValue, EstimatedWaitValue, RecallCountValue, ScoreValue;
    public double WaitedSecondsValue, HandledSecondsValue;
    public List<string>? ReasonIdsValue;
    public DateOnly DueDateValue;
    public bool UpheldValue;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static EventKind KindOf(ReadOnlySpan<byte> type) => type switch
    {
        _ when type.SequenceEqual("ticket-issued"u8) => EventKind.Issued,
        _ when type.SequenceEqual("ticket-called"u8) => EventKind.Called,
        _ when type.SequenceEqual("ticket-finished"u8) => EventKind.Finished,
        _ when type.SequenceEqual("evaluation"u8) => EventKind.Evaluated,
        _ when type.SequenceEqual("ticket-recalled"u8) => EventKind.Recalled,
        _ when type.SequenceEqual("counter-changed"u8) => EventKind.CounterChanged,
        _ when type.SequenceEqual("ticket-skipped"u8) => EventKind.Skipped,
        _ when type.SequenceEqual("ticket-reinstated"u8) => EventKind.Reinstated,
        _ when type.SequenceEqual("ticket-transferred"u8) => EventKind.Transferred,
        _ when type.SequenceEqual("ticket-voided"u8) => EventKind.Voided,
        _ when type.SequenceEqual("follow-up-opened"u8) => EventKind.FollowUpOpened,
        _ when type.SequenceEqual("follow-up-recorded"u8) => EventKind.FollowUpRecorded,
        _ when type.SequenceEqual("evaluation-appealed"u8) => EventKind.Appealed,
        _ when type.SequenceEqual("appeal-reviewed"u8) => EventKind.Reviewed,
        _ => EventKind.Unknown,
    };

    /// <summary>The properties a type has (any other goes to the serializer).</summary>
    public static ulong Allowed(EventKind kind) => kind switch
    {
        EventKind.Issued => Ticket | Channel | DeviceId | Priority | WaitingAhead | EstimatedWait,
        EventKind.Called => Ticket | CounterId | StaffId | WaitedSeconds,
        EventKind.Recalled => Ticket | CounterId | RecallCount,
        EventKind.Skipped => Ticket | CounterId,
        EventKind.Reinstated => Ticket,
        EventKind.Finished => Ticket | CounterId | StaffId | HandledSeconds | WaitedSeconds,
        EventKind.Transferred => Ticket | FromCounterId | FromQueueId | ToCounterId,
        EventKind.Voided => Ticket | Reason,
        EventKind.Evaluated => Ticket | CounterId | StaffId | Score | Channel | ReasonIds | ReasonText,
        EventKind.CounterChanged => Base | CounterId | Action | StaffId | Status,
        EventKind.FollowUpOpened => Ticket | CounterId | StaffId | Score | DueDate,
        EventKind.FollowUpRecorded => Ticket | Step | Note | Satisfaction,
        EventKind.Appealed => Ticket | Reason | Note,
        EventKind.Reviewed => Ticket | Upheld | Note,
        _ => 0,
    };

    /// <summary>The properties a type must have (its <c>required</c> members).</summary>
    public static ulong Required(EventKind kind) => kind switch
    {
        EventKind.Issued => TicketRequired | Channel,
        EventKind.Called or EventKind.Recalled or EventKind.Skipped or EventKind.Finished or EventKind.Evaluated or EventKind.FollowUpOpened => TicketRequired | CounterId,
        EventKind.Transferred => TicketRequired | FromCounterId | FromQueueId,
        EventKind.Voided or EventKind.Appealed => TicketRequired | Reason,
        EventKind.FollowUpRecorded => TicketRequired | Step,
        EventKind.CounterChanged => HallId | CounterId | Action,
        _ => TicketRequired,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong FieldOf(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => name.SequenceEqual("at"u8) ? At : name.SequenceEqual("by"u8) ? By : 0,
        4 => name.SequenceEqual("note"u8) ? Note : name.SequenceEqual("step"u8) ? Step : 0,
        5 => name.SequenceEqual("score"u8) ? Score : 0,
        6 => name.SequenceEqual("hallId"u8) ? HallId : name.SequenceEqual("number"u8) ? Number : name.SequenceEqual("reason"u8) ? Reason
            : name.SequenceEqual("action"u8) ? Action : name.SequenceEqual("status"u8) ? Status : name.SequenceEqual("upheld"u8) ? Upheld : 0,
        7 => name.SequenceEqual("queueId"u8) ? QueueId : name.SequenceEqual("staffId"u8) ? StaffId : name.SequenceEqual("channel"u8) ? Channel
            : name.SequenceEqual("dueDate"u8) ? DueDate : 0,
        8 => name.SequenceEqual("sequence"u8) ? Sequence : name.SequenceEqual("ticketId"u8) ? TicketId : name.SequenceEqual("deviceId"u8) ? DeviceId
            : name.SequenceEqual("priority"u8) ? Priority : 0,
        9 => name.SequenceEqual("serviceId"u8) ? ServiceId : name.SequenceEqual("counterId"u8) ? CounterId : name.SequenceEqual("reasonIds"u8) ? ReasonIds : 0,
        10 => name.SequenceEqual("reasonText"u8) ? ReasonText : 0,
        11 => name.SequenceEqual("recallCount"u8) ? RecallCount : name.SequenceEqual("fromQueueId"u8) ? FromQueueId : name.SequenceEqual("toCounterId"u8) ? ToCounterId : 0,
        12 => name.SequenceEqual("waitingAhead"u8) ? WaitingAhead : name.SequenceEqual("satisfaction"u8) ? Satisfaction : 0,
        13 => name.SequenceEqual("waitedSeconds"u8) ? WaitedSeconds : name.SequenceEqual("fromCounterId"u8) ? FromCounterId : 0,
        14 => name.SequenceEqual("handledSeconds"u8) ? HandledSeconds : 0,
        20 => name.SequenceEqual("estimatedWaitMinutes"u8) ? EstimatedWait : 0,
        _ => 0,
    };

    /// <summary>Takes a property's value; false when it is not the plain value the store writes (or not valid UTF-8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Set(ulong field, LineValue v, Utf8StringPool pool)
    {
        switch (field)
        {
            case Sequence: return Long(v, out SequenceValue);
            case At:
                return v.Kind == LineValueKind.String && (IsoInstant.TryParse(v.Raw, out AtValue) || General(v.Raw, out AtValue));
            case WaitingAhead: return Int(v, out WaitingAheadValue);
            case EstimatedWait: return Int(v, out EstimatedWaitValue);
            case RecallCount: return Int(v, out RecallCountValue);
            case Score: return Int(v, out ScoreValue);
            case WaitedSeconds: return Double(v, out WaitedSecondsValue);
            case HandledSeconds: return Double(v, out HandledSecondsValue);
            case Upheld:
                UpheldValue = v.Kind == LineValueKind.True;
                return v.Kind is LineValueKind.True or LineValueKind.False;
            case Priority:
                PriorityValue = Plain(v) switch
                {
                    var x when x.SequenceEqual("normal"u8) => TicketPriority.Normal,
                    var x when x.SequenceEqual("appointment"u8) => TicketPriority.Appointment,
                    var x when x.SequenceEqual("green-channel"u8) => TicketPriority.GreenChannel,
                    _ => (TicketPriority)(-1),
                };
                return PriorityValue >= 0;
            case Status:
                StatusValue = Plain(v) switch
                {
                    var x when x.SequenceEqual("closed"u8) => CounterStatus.Closed,
                    var x when x.SequenceEqual("idle"u8) => CounterStatus.Idle,
                    var x when x.SequenceEqual("serving"u8) => CounterStatus.Serving,
                    var x when x.SequenceEqual("paused"u8) => CounterStatus.Paused,
                    _ => (CounterStatus)(-1),
                };
                return StatusValue >= 0;
            case Satisfaction:
                SatisfactionValue = Plain(v) switch
                {
                    var x when x.SequenceEqual("satisfied"u8) => RectificationSatisfaction.Satisfied,
                    var x when x.SequenceEqual("basically-satisfied"u8) => RectificationSatisfaction.BasicallySatisfied,
                    var x when x.SequenceEqual("dissatisfied"u8) => RectificationSatisfaction.Dissatisfied,
                    _ => null,
                };
                return SatisfactionValue is not null;
            case DueDate:
                return v.Kind == LineValueKind.String && v.Raw.Length == 10
                    && DateOnly.TryParseExact(Encoding.ASCII.GetString(v.Raw), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DueDateValue);
            case ReasonIds:
                return v.Kind == LineValueKind.StringArray && Strings(v.Raw, pool, out ReasonIdsValue);
        }

        if (v.Kind != LineValueKind.String)
        {
            return false;
        }

        var slot = BitOperations.TrailingZeroCount(field);
        var raw = v.Raw;
        return field switch
        {
            HallId => pool.TryGet(slot, raw, out HallIdValue),
            By => pool.TryGet(slot, raw, out ByValue),
            TicketId => Utf8StringPool.TryDecode(raw, out TicketIdValue),
            Number => pool.TryGet(slot, raw, out NumberValue),
            QueueId => pool.TryGet(slot, raw, out QueueIdValue),
            ServiceId => pool.TryGet(slot, raw, out ServiceIdValue),
            Channel => pool.TryGet(slot, raw, out ChannelValue),
            DeviceId => pool.TryGet(slot, raw, out DeviceIdValue),
            CounterId => pool.TryGet(slot, raw, out CounterIdValue),
            StaffId => pool.TryGet(slot, raw, out StaffIdValue),
            FromCounterId => pool.TryGet(slot, raw, out FromCounterIdValue),
            FromQueueId => pool.TryGet(slot, raw, out FromQueueIdValue),
            ToCounterId => pool.TryGet(slot, raw, out ToCounterIdValue),
            Reason => pool.TryGet(slot, raw, out ReasonValue),
            ReasonText => Utf8StringPool.TryDecode(raw, out ReasonTextValue),
            Step => pool.TryGet(slot, raw, out StepValue),
            Note => Utf8StringPool.TryDecode(raw, out NoteValue),
            Action => pool.TryGet(slot, raw, out ActionValue),
            _ => false,
        };
    }

    /// <summary>The record, or null when a required property is missing (the serializer then says so).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly HallEvent? Build(EventKind kind)
    {
        var required = Required(kind);
        if ((Seen & required) != required)
        {
            return null;
        }

        var hall = HallIdValue!;
        var (id, number, queue, service) = (TicketIdValue!, NumberValue!, QueueIdValue!, ServiceIdValue!);
        return kind switch
        {
            EventKind.Issued => new TicketIssued
            {
                HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service,
                Channel = ChannelValue!, DeviceId = DeviceIdValue, Priority = PriorityValue, WaitingAhead = WaitingAheadValue, EstimatedWaitMinutes = EstimatedWaitValue,
            },
            EventKind.Called => new TicketCalled { HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service, CounterId = CounterIdValue!, StaffId = StaffIdValue, WaitedSeconds = WaitedSecondsValue },
            EventKind.Recalled => new TicketRecalled { HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service, CounterId = CounterIdValue!, RecallCount = RecallCountValue },
            EventKind.Skipped => new TicketSkipped { HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service, CounterId = CounterIdValue! },
            EventKind.Reinstated => new TicketReinstated { HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service },
            EventKind.Finished => new TicketFinished
            {
                HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service,
                CounterId = CounterIdValue!, StaffId = StaffIdValue, HandledSeconds = HandledSecondsValue, WaitedSeconds = WaitedSecondsValue,
            },
            EventKind.Transferred => new TicketTransferred
            {
                HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service,
                FromCounterId = FromCounterIdValue!, FromQueueId = FromQueueIdValue!, ToCounterId = ToCounterIdValue,
            },
            EventKind.Voided => new TicketVoided { HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service, Reason = ReasonValue! },
            EventKind.Evaluated => new TicketEvaluated
            {
                HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service,
                CounterId = CounterIdValue!, StaffId = StaffIdValue, Score = ScoreValue, Channel = ChannelValue ?? EvaluationChannels.Evaluator,
                ReasonIds = ReasonIdsValue, ReasonText = ReasonTextValue,
            },
            EventKind.CounterChanged => new CounterChanged { HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, CounterId = CounterIdValue!, Action = ActionValue!, StaffId = StaffIdValue, Status = StatusValue },
            EventKind.FollowUpOpened => new FollowUpOpened { HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service, CounterId = CounterIdValue!, StaffId = StaffIdValue, Score = ScoreValue, DueDate = DueDateValue },
            EventKind.FollowUpRecorded => new FollowUpRecorded { HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service, Step = StepValue!, Note = NoteValue, Satisfaction = SatisfactionValue },
            EventKind.Appealed => new EvaluationAppealed { HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service, Reason = ReasonValue!, Note = NoteValue },
            EventKind.Reviewed => new AppealReviewed { HallId = hall, Sequence = SequenceValue, At = AtValue, By = ByValue, TicketId = id, Number = number, QueueId = queue, ServiceId = service, Upheld = UpheldValue, Note = NoteValue },
            _ => throw new InvalidOperationException($"no record for {kind}"),
        };
    }

    private static bool Long(LineValue v, out long value)
    {
        value = 0;
        return v.Kind == LineValueKind.Number && Utf8Parser.TryParse(v.Raw, out value, out var used) && used == v.Raw.Length;
    }

    private static bool Int(LineValue v, out int value)
    {
        value = 0;
        return v.Kind == LineValueKind.Number && Utf8Parser.TryParse(v.Raw, out value, out var used) && used == v.Raw.Length;
    }

    private static bool Double(LineValue v, out double value)
    {
        value = 0;
        return v.Kind == LineValueKind.Number && double.TryParse(v.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>An instant in another ISO 8601 form, read the way the serializer reads it.</summary>
    private static bool General(ReadOnlySpan<byte> raw, out DateTimeOffset value)
    {
        value = default;
        if (raw.Length > 64)
        {
            return false;
        }

        Span<byte> quoted = stackalloc byte[raw.Length + 2];
        quoted[0] = (byte)'"';
        raw.CopyTo(quoted[1..]);
        quoted[^1] = (byte)'"';
        var r = new Utf8JsonReader(quoted);
        return r.Read() && r.TryGetDateTimeOffset(out value);
    }

    /// <summary>The strings of an array's content (<c>"a","b"</c>, checked by the scanner).</summary>
    private static bool Strings(ReadOnlySpan<byte> raw, Utf8StringPool pool, out List<string>? values)
    {
        values = [];
        var i = 0;
        while (i < raw.Length)
        {
            var end = raw[(i + 1)..].IndexOf((byte)'"');
            if (!pool.TryGet(raw.Slice(i + 1, end), out var value))
            {
                return false;
            }

            values.Add(value);
            i += end + 3; // the closing quote and the comma
        }

        return true;
    }

    /// <summary>An enum name's bytes; empty, so no name matches, for anything but a string.</summary>
    private static ReadOnlySpan<byte> Plain(LineValue v) => v.Kind == LineValueKind.String ? v.Raw : default;
}
