using System.Text;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Hosting;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Halls;

/// <summary>
/// <see cref="HallRequests"/> over the real engine and store (the sample hall, a temp folder): the
/// contract's validation, error codes, idempotency and privacy, without a broker in between.
/// </summary>
public sealed class HallRequestsTests : IDisposable
{
    private const string HallId = "xinqiao";
    private const string IdNumber = "11010519491231002X";
    private const string MaskedId = "1101**********002X";
    private const string NoIdService = "consultation"; // queue rural, prefix D, no ID card needed
    private const string IdService = "pension-enrol"; // needs an ID card, two tickets a person a day

    private readonly string _dir = TempDir.Create("hallrequests");
    private readonly HallChangeFeed _feed = new();
    private readonly HallRegistry _registry;
    private readonly HallRequests _requests;
    private readonly List<HallEvent> _seen = [];

    public HallRequestsTests()
    {
        // A Friday morning in the hall's time zone (Asia/Shanghai).
        var clock = new HallClock(Options.Create(new ClockOptions()), new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(8))));
        _registry = SampleRegistry.Create(_dir, clock, _feed);
        _requests = new HallRequests(_registry, clock, NullLogger<HallRequests>.Instance);
    }

    public void Dispose()
    {
        _registry.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_ticket_request_is_answered_with_the_ticket_in_its_contract_form()
    {
        _requests.PublicUrl = "https://hall.example/";

        var reply = _requests.IssueTicket(HallId, Ticket("r-1", NoIdService));

        Assert.True(reply.Ok);
        Assert.Null(reply.Error);
        var ticket = Assert.IsType<TicketInfo>(reply.Ticket);
        Assert.Equal(("D001", "rural", NoIdService, "政策咨询", "waiting", "normal"), (ticket.Number, ticket.QueueId, ticket.ServiceId, ticket.ServiceName, ticket.Status, ticket.Priority));
        Assert.Matches("^https://hall.example/t/xinqiao/D001\\?k=[A-Za-z0-9_-]{22}$", ticket.TrackUrl);
        Assert.Equal(TimeSpan.FromHours(8), ticket.IssuedAt.Offset);
        Assert.Equal(0, ticket.WaitingAhead);
    }

    [Fact]
    public void An_unknown_service_is_refused_with_its_error_code()
    {
        var reply = _requests.IssueTicket(HallId, Ticket("r-1", "no-such-service"));

        Assert.False(reply.Ok);
        Assert.Equal(ErrorCodes.UnknownService, reply.Error?.Code);
        Assert.Null(reply.Ticket);
        Assert.Empty(Events());
    }

    [Fact]
    public void A_request_without_a_service_or_for_an_unknown_hall_is_refused()
    {
        Assert.Equal(ErrorCodes.InvalidRequest, _requests.IssueTicket(HallId, Ticket("r-1", null)).Error?.Code);
        Assert.Equal("unknown-hall", _requests.IssueTicket("nowhere", Ticket("r-2", NoIdService)).Error?.Code);
        Assert.Equal(ErrorCodes.InvalidRequest, _requests.IssueTicket(HallId, Ticket("r-3", NoIdService) with { Priority = "vip" }).Error?.Code);
        Assert.Empty(Events());
    }

    [Fact]
    public void A_repeated_request_id_returns_the_first_answer_and_issues_nothing_more()
    {
        var first = _requests.IssueTicket(HallId, Ticket("kiosk-01-r1", NoIdService));
        var repeat = _requests.IssueTicket(HallId, Ticket("kiosk-01-r1", NoIdService));
        var next = _requests.IssueTicket(HallId, Ticket("kiosk-01-r2", NoIdService));

        Assert.Equal(first.Ticket, repeat.Ticket);
        Assert.Equal("D002", next.Ticket?.Number);
        Assert.Equal(2, Events().OfType<TicketIssued>().Count());
    }

    [Fact]
    public void A_repeated_counter_request_id_does_not_call_a_second_ticket()
    {
        var first = _requests.IssueTicket(HallId, Ticket("t-1", NoIdService)).Ticket?.Number;
        _requests.IssueTicket(HallId, Ticket("t-2", NoIdService));
        Assert.True(_requests.Counter(HallId, new CounterRequest { RequestId = "c-1", CounterId = "w5", Action = "login", StaffId = "s-5" }).Ok);

        var call = _requests.Counter(HallId, new CounterRequest { RequestId = "c-2", CounterId = "w5", Action = "call-next" });
        var again = _requests.Counter(HallId, new CounterRequest { RequestId = "c-2", CounterId = "w5", Action = "call-next" });

        Assert.Equal(first, call.Ticket?.Number);
        Assert.Equal(call.Ticket, again.Ticket);
        Assert.Single(Events().OfType<TicketCalled>());
    }

    [Fact]
    public void A_request_id_reused_for_another_kind_of_request_is_refused()
    {
        _requests.IssueTicket(HallId, Ticket("same-id", NoIdService));

        var reply = _requests.Counter(HallId, new CounterRequest { RequestId = "same-id", CounterId = "w1", Action = "login", StaffId = "s-1" });

        Assert.Equal(ErrorCodes.RequestIdReused, reply.Error?.Code);
    }

    [Fact]
    public void Without_a_request_id_every_call_is_a_new_request()
    {
        // HallRequests leaves the requestId optional (the HTTP API and tests call it directly);
        // the MQTT listener is what refuses a request without one, before it gets here.
        var first = _requests.IssueTicket(HallId, Ticket(null, NoIdService));
        var second = _requests.IssueTicket(HallId, Ticket(null, NoIdService));

        Assert.Equal(("D001", "D002"), (first.Ticket?.Number, second.Ticket?.Number));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("call")]
    [InlineData("CALL-NEXT")]
    public void A_missing_or_unknown_counter_action_is_an_invalid_request(string? action)
    {
        var reply = _requests.Counter(HallId, new CounterRequest { RequestId = "c-1", CounterId = "w1", Action = action, StaffId = "s-1" });

        Assert.False(reply.Ok);
        Assert.Equal(ErrorCodes.InvalidRequest, reply.Error?.Code);
        Assert.Empty(Events());
    }

    [Fact]
    public void A_counter_request_without_a_counter_or_for_an_unknown_one_is_refused()
    {
        Assert.Equal(ErrorCodes.InvalidRequest, _requests.Counter(HallId, new CounterRequest { RequestId = "c-1", Action = "login" }).Error?.Code);
        Assert.Equal(ErrorCodes.UnknownCounter, _requests.Counter(HallId, new CounterRequest { RequestId = "c-2", CounterId = "w9", Action = "login", StaffId = "s-1" }).Error?.Code);
    }

    [Fact]
    public void A_counter_action_replies_with_the_counter_state()
    {
        var reply = _requests.Counter(HallId, new CounterRequest { RequestId = "c-1", CounterId = "w1", Action = "login", StaffId = "s-1" });

        Assert.True(reply.Ok);
        var counter = reply.Counter;
        Assert.NotNull(counter);
        Assert.Equal(("w1", "idle", "s-1"), (counter.CounterId, counter.Status, counter.StaffId));
    }

    [Fact]
    public void Call_next_with_nobody_waiting_answers_ok_with_no_ticket()
    {
        _requests.Counter(HallId, new CounterRequest { RequestId = "c-1", CounterId = "w1", Action = "login", StaffId = "s-1" });

        var reply = _requests.Counter(HallId, new CounterRequest { RequestId = "c-2", CounterId = "w1", Action = "call-next" });

        Assert.True(reply.Ok);
        Assert.Null(reply.Ticket);
    }

    [Fact]
    public void An_id_number_appears_in_no_reply_event_or_stored_file_except_masked()
    {
        var issued = _requests.IssueTicket(HallId, Ticket("r-1", IdService, IdNumber));
        var number = issued.Ticket!.Number;
        _requests.Counter(HallId, new CounterRequest { RequestId = "c-1", CounterId = "w1", Action = "login", StaffId = "s-1" });
        var called = _requests.Counter(HallId, new CounterRequest { RequestId = "c-2", CounterId = "w1", Action = "call-next" });
        var finished = _requests.Counter(HallId, new CounterRequest { RequestId = "c-3", CounterId = "w1", Action = "finish" });
        var rated = _requests.Evaluate(HallId, new EvaluateRequest { RequestId = "e-1", TicketNumber = number, CounterId = "w1", Score = 5 });
        var tracked = _requests.Track(HallId, number);

        Assert.Equal(MaskedId, issued.Ticket.MaskedId);
        Assert.Equal(MaskedId, tracked.Ticket?.MaskedId);
        var replies = new[] { issued, called, finished, rated, tracked }.Select(r => JsonSerializer.Serialize(r)).ToList();
        Assert.All(replies, json => Assert.Contains(MaskedId, json, StringComparison.Ordinal));
        var events = Events().Select(e => JsonSerializer.Serialize(e, e.GetType())).ToList();
        Assert.Equal(
            new[] { typeof(TicketIssued), typeof(CounterChanged), typeof(TicketCalled), typeof(TicketFinished), typeof(TicketEvaluated) },
            Events().Select(e => e.GetType()).Distinct());
        _registry.Dispose();
        var stored = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))).ToList();
        Assert.NotEmpty(stored);

        foreach (var text in replies.Concat(events).Concat(stored))
        {
            Assert.DoesNotContain(IdNumber, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("0519491231", text, StringComparison.Ordinal); // the masked-out middle
        }
    }

    [Fact]
    public void The_daily_limit_still_recognises_the_person_from_the_protected_id()
    {
        Assert.True(_requests.IssueTicket(HallId, Ticket("r-1", IdService, IdNumber)).Ok);
        Assert.True(_requests.IssueTicket(HallId, Ticket("r-2", IdService, IdNumber.ToLowerInvariant())).Ok);

        var third = _requests.IssueTicket(HallId, Ticket("r-3", IdService, " " + IdNumber));

        Assert.Equal(ErrorCodes.DailyLimit, third.Error?.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void An_evaluation_score_outside_one_to_five_is_refused(int score)
    {
        var number = ServeAndFinish();

        var reply = _requests.Evaluate(HallId, new EvaluateRequest { RequestId = "e-1", TicketNumber = number, CounterId = "w1", Score = score });

        Assert.Equal(ErrorCodes.InvalidScore, reply.Error?.Code);
        Assert.Empty(Events().OfType<TicketEvaluated>());
    }

    [Fact]
    public void An_evaluation_in_range_is_recorded_and_one_without_a_score_is_invalid()
    {
        var number = ServeAndFinish();

        var missing = _requests.Evaluate(HallId, new EvaluateRequest { RequestId = "e-1", TicketNumber = number, CounterId = "w1" });
        var rated = _requests.Evaluate(HallId, new EvaluateRequest { RequestId = "e-2", TicketNumber = number, CounterId = "w1", Score = 1 });

        Assert.Equal(ErrorCodes.InvalidRequest, missing.Error?.Code);
        Assert.True(rated.Ok);
        Assert.Equal(1, Assert.Single(Events().OfType<TicketEvaluated>()).Score);
    }

    [Fact]
    public void A_failed_print_voids_the_ticket_so_it_is_never_called()
    {
        var number = _requests.IssueTicket(HallId, Ticket("r-1", IdService, IdNumber)).Ticket!.Number;

        var reply = _requests.PrintResult(HallId, new PrintResultRequest { RequestId = "r-1-print", TicketNumber = number, Ok = false, Reason = "paper-out" });

        Assert.True(reply.Ok);
        Assert.Equal("voided", reply.Ticket?.Status);
        Assert.Equal("voided", _requests.Track(HallId, number).Ticket?.Status);
        Assert.Equal("print-failed: paper-out", Assert.Single(Events().OfType<TicketVoided>()).Reason);
        _requests.Counter(HallId, new CounterRequest { RequestId = "c-1", CounterId = "w1", Action = "login", StaffId = "s-1" });
        var call = _requests.Counter(HallId, new CounterRequest { RequestId = "c-2", CounterId = "w1", Action = "call-next" });
        Assert.True(call.Ok);
        Assert.Null(call.Ticket);
    }

    [Fact]
    public void A_failed_print_without_a_reason_is_voided_as_print_failed()
    {
        var number = _requests.IssueTicket(HallId, Ticket("r-1", NoIdService)).Ticket!.Number;

        _requests.PrintResult(HallId, new PrintResultRequest { RequestId = "r-1-print", TicketNumber = number, Ok = false });

        Assert.Equal("print-failed", Assert.Single(Events().OfType<TicketVoided>()).Reason);
    }

    [Fact]
    public void A_successful_print_leaves_the_ticket_waiting()
    {
        var number = _requests.IssueTicket(HallId, Ticket("r-1", NoIdService)).Ticket!.Number;

        var reply = _requests.PrintResult(HallId, new PrintResultRequest { RequestId = "r-1-print", TicketNumber = number, Ok = true });

        Assert.True(reply.Ok);
        Assert.Equal("waiting", reply.Ticket?.Status);
        Assert.Empty(Events().OfType<TicketVoided>());
    }

    [Fact]
    public void A_print_result_without_ok_or_for_an_unknown_ticket_is_refused()
    {
        Assert.Equal(ErrorCodes.InvalidRequest, _requests.PrintResult(HallId, new PrintResultRequest { RequestId = "p-1", TicketNumber = "D001" }).Error?.Code);
        Assert.Equal(ErrorCodes.UnknownTicket, _requests.PrintResult(HallId, new PrintResultRequest { RequestId = "p-2", TicketNumber = "D404", Ok = false }).Error?.Code);
        Assert.Equal(ErrorCodes.UnknownTicket, _requests.PrintResult(HallId, new PrintResultRequest { RequestId = "p-3", TicketNumber = "D404", Ok = true }).Error?.Code);
    }

    private static TicketRequest Ticket(string? requestId, string? serviceId, string? idNumber = null) =>
        new() { RequestId = requestId, ServiceId = serviceId, Channel = "kiosk", DeviceId = "kiosk-01", IdNumber = idNumber };

    /// <summary>Issues a ticket, serves it at w1 and finishes it; returns its number.</summary>
    private string ServeAndFinish()
    {
        var number = _requests.IssueTicket(HallId, Ticket("r-1", IdService, IdNumber)).Ticket!.Number;
        _requests.Counter(HallId, new CounterRequest { RequestId = "c-1", CounterId = "w1", Action = "login", StaffId = "s-1" });
        Assert.Equal(number, _requests.Counter(HallId, new CounterRequest { RequestId = "c-2", CounterId = "w1", Action = "call-next" }).Ticket?.Number);
        Assert.True(_requests.Counter(HallId, new CounterRequest { RequestId = "c-3", CounterId = "w1", Action = "finish" }).Ok);
        return number;
    }

    /// <summary>Every event committed so far, in commit order (what the publisher would send).</summary>
    private List<HallEvent> Events()
    {
        var events = new List<HallEvent>();
        while (_feed.Reader.TryRead(out var change))
        {
            events.AddRange(change.Events);
        }

        _seen.AddRange(events);
        return [.. _seen];
    }
}
