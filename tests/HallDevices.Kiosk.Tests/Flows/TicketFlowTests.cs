using HallDevices.Contracts;
using HallDevices.Devices.Printer;
using HallDevices.Kiosk.Flows;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Tests.Flows;

public class TicketFlowTests
{
    private const string Hall = "新桥镇为民服务中心";
    private readonly FakeQueueClient _queue = new();
    private readonly FakeTicketPrinter _printer = new();
    private readonly TimerCountingTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero));

    private readonly FakeCatalog _catalog = new();

    private TicketFlow Flow() => new(_queue, _printer, Options.Create(new KioskOptions { DeviceId = "kiosk-07" }), _time, NullLogger<TicketFlow>.Instance, _catalog);

    [Fact]
    public async Task A_ticket_is_requested_for_this_kiosk_printed_and_reported_as_printed()
    {
        var outcome = await Flow().IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null), Hall, default);

        Assert.Equal(TicketOutcomeKind.Printed, outcome.Kind);
        Assert.Equal("A001", outcome.Ticket?.Number);
        var request = Assert.Single(_queue.Requests);
        Assert.Equal(FakeCatalog.CertificateService, request.ServiceId);
        Assert.Equal("kiosk", request.Channel);
        Assert.Equal("kiosk-07", request.DeviceId);
        Assert.StartsWith("kiosk-07-", request.RequestId, StringComparison.Ordinal);
        Assert.Null(request.IdNumber);
        Assert.Null(request.AppointmentCode);
        var printed = Assert.Single(_printer.Printed);
        Assert.Equal((Hall, "A001", 3, 9), (printed.HallName, printed.Number, printed.WaitingAhead, printed.EstimatedWaitMinutes));
        Assert.Equal(new PrintReport("A001", true, null, request.RequestId + "-print"), Assert.Single(_queue.Reports));
    }

    [Fact]
    public async Task The_raw_id_number_goes_in_the_request_and_only_the_servers_masked_form_is_printed()
    {
        _queue.Answer = r => new TicketReply(FakeQueueClient.Ticket("A002", r.ServiceId!, "1101**********002X"), null);

        await Flow().IssueAsync(new TicketAsk(FakeCatalog.PensionService, "11010519491231002X", null), Hall, default);

        Assert.Equal("11010519491231002X", Assert.Single(_queue.Requests).IdNumber);
        var printed = Assert.Single(_printer.Printed);
        Assert.Equal("1101**********002X", printed.MaskedId);
        Assert.DoesNotContain("11010519491231002X", printed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_attempt_gets_a_fresh_request_id()
    {
        var flow = Flow();
        await flow.IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null), Hall, default);
        await flow.IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null), Hall, default);

        Assert.Equal(2, _queue.Requests.Select(r => r.RequestId).Distinct().Count());
    }

    [Theory]
    [InlineData(PrinterHealth.PaperOut, "printer-paper-out")]
    [InlineData(PrinterHealth.CoverOpen, "printer-cover-open")]
    [InlineData(PrinterHealth.Error, "printer-error")]
    public async Task A_printer_that_cannot_print_stops_the_attempt_before_a_number_is_taken(PrinterHealth health, string code)
    {
        _printer.Reports(health);

        var outcome = await Flow().IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null), Hall, default);

        Assert.Equal(TicketOutcomeKind.PrinterNotReady, outcome.Kind);
        Assert.Equal(code, outcome.Code);
        Assert.Empty(_queue.Requests);
        Assert.Empty(_queue.Reports);
    }

    [Fact]
    public async Task A_printer_low_on_paper_still_prints()
    {
        _printer.Reports(PrinterHealth.PaperLow);

        var outcome = await Flow().IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null), Hall, default);

        Assert.Equal(TicketOutcomeKind.Printed, outcome.Kind);
        Assert.Single(_printer.Printed);
    }

    [Fact]
    public async Task A_status_query_that_fails_counts_as_a_printer_error_and_takes_no_number()
    {
        _printer.StatusFailure = new TimeoutException("no status byte");

        var outcome = await Flow().IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null), Hall, default);

        Assert.Equal((TicketOutcomeKind.PrinterNotReady, "printer-error"), (outcome.Kind, outcome.Code));
        Assert.Empty(_queue.Requests);
    }

    [Fact]
    public async Task A_print_that_throws_is_reported_as_failed_so_the_server_voids_the_ticket()
    {
        _printer.PrintFailure = new IOException("device unplugged");

        var outcome = await Flow().IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null), Hall, default);

        Assert.Equal(TicketOutcomeKind.PrintFailed, outcome.Kind);
        Assert.Equal(("print-failed", "printer-error"), (outcome.Code, outcome.Message));
        Assert.Equal("A001", outcome.Ticket?.Number);
        var request = Assert.Single(_queue.Requests);
        Assert.Equal(new PrintReport("A001", false, "printer-error", request.RequestId + "-print"), Assert.Single(_queue.Reports));
    }

    [Fact]
    public async Task Paper_running_out_during_the_print_is_reported_as_a_failed_print()
    {
        _printer.Reports(PrinterHealth.Ok, PrinterHealth.PaperOut);

        var outcome = await Flow().IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null), Hall, default);

        Assert.Equal((TicketOutcomeKind.PrintFailed, "paper-out"), (outcome.Kind, outcome.Message));
        var report = Assert.Single(_queue.Reports);
        Assert.Equal((false, "paper-out"), (report.Ok, report.Reason));
        Assert.Equal(2, _printer.StatusQueries);
    }

    [Fact]
    public async Task A_refusal_carries_the_servers_code_and_message_and_prints_nothing()
    {
        _queue.Answer = _ => new TicketReply(null, new ErrorInfo("daily-limit", "今日取号已达上限"));

        var outcome = await Flow().IssueAsync(new TicketAsk(FakeCatalog.PensionService, "11010519491231002X", null), Hall, default);

        Assert.Equal(TicketOutcomeKind.Refused, outcome.Kind);
        Assert.Equal(("daily-limit", "今日取号已达上限"), (outcome.Code, outcome.Message));
        Assert.Empty(_printer.Printed);
        Assert.Empty(_queue.Reports);
    }

    [Fact]
    public async Task An_unreachable_server_makes_no_number_up()
    {
        _queue.Answer = _ => throw new QueueUnavailableException("no answer after 2 attempts");

        var outcome = await Flow().IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null), Hall, default);

        Assert.Equal((TicketOutcomeKind.Unavailable, "server-unavailable"), (outcome.Kind, outcome.Code));
        Assert.Null(outcome.Ticket);
        Assert.Empty(_printer.Printed);
    }

    [Fact]
    public async Task An_undelivered_print_result_is_retried_on_the_kiosk_clock_with_the_same_request_id()
    {
        _queue.UnreachableReports = 2;
        _printer.PrintFailure = new IOException("device unplugged");

        var issue = Flow().IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null), Hall, default);

        // The fakes answer at once, so the flow is already waiting 500 ms after the first failed report.
        Assert.Single(_queue.Reports);
        Assert.Equal(1, _time.TimersCreated);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Single(_queue.Reports);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForAsync(() => _time.TimersCreated == 2);
        Assert.Equal(2, _queue.Reports.Count);
        _time.Advance(TimeSpan.FromMilliseconds(999)); // the wait doubles
        Assert.Equal(2, _queue.Reports.Count);
        Assert.False(issue.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await issue.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TicketOutcomeKind.PrintFailed, outcome.Kind);
        var requestId = Assert.Single(_queue.Requests).RequestId + "-print";
        Assert.Equal(3, _queue.Reports.Count);
        Assert.All(_queue.Reports, r => Assert.Equal(new PrintReport("A001", false, "printer-error", requestId), r));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // Real time, only as a bound: the continuation after a fake-clock timer may run on another thread.
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting for the flow");
            await Task.Delay(10);
        }
    }
}
