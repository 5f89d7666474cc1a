using HallDevices.Contracts;
using HallDevices.Kiosk.Flows;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Kiosk.Tests.Flows;

public class KioskSessionTests
{
    private const string IdNumber = "11010519491231002X";
    private const string MaskedId = "1101**********002X";
    private const string GreenPass = "HC1:green:8f3a9c0d";
    private const string Appointment = CodeFormats.AppointmentPrefix + "xinqiao.pension-register.0900.0930.b17.mac";

    private readonly FakeQueueClient _queue = new();
    private readonly FakeTicketPrinter _printer = new();
    private readonly FakeCatalog _catalog = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero));
    private readonly KioskSession _session;

    public KioskSessionTests()
    {
        var options = Options.Create(new KioskOptions { DeviceId = "kiosk-07", IdleTimeoutSeconds = 30 });
        var flow = new TicketFlow(_queue, _printer, options, _time, NullLogger<TicketFlow>.Instance, _catalog);
        _session = new KioskSession(flow, new PassCodePolicy(new PassCodeOptions()), _catalog, _time, options);
    }

    [Fact]
    public void A_swiped_card_opens_the_services_showing_only_the_masked_name_and_id()
    {
        _session.CardPresented("张三", IdNumber, MaskedId);

        var view = _session.View;
        Assert.Equal(KioskScreen.Services, view.Screen);
        Assert.Equal(("张*", MaskedId), (view.CitizenName, view.MaskedId));
        Assert.DoesNotContain(IdNumber, view.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ticket_after_a_card_swipe_is_requested_with_the_id_number_which_is_then_forgotten()
    {
        _session.CardPresented("欧阳娜娜", IdNumber, MaskedId);
        Assert.Equal("欧***", _session.View.CitizenName);

        await _session.ChooseAsync(FakeCatalog.PensionService, default);
        Assert.Equal(KioskScreen.Ticket, _session.View.Screen);
        await _session.ChooseAsync(FakeCatalog.CertificateService, default);

        Assert.Equal(new string?[] { IdNumber, null }, _queue.Requests.Select(r => r.IdNumber));
    }

    [Fact]
    public async Task A_service_that_needs_an_id_card_asks_for_one_and_takes_no_number()
    {
        await _session.ChooseAsync(FakeCatalog.PensionService, default);

        Assert.Equal((KioskScreen.Message, "id-required"), (_session.View.Screen, _session.View.MessageCode));
        Assert.Empty(_queue.Requests);
    }

    [Fact]
    public async Task An_unknown_service_is_refused_without_a_request()
    {
        await _session.ChooseAsync("no-such-service", default);

        Assert.Equal((KioskScreen.Message, "unknown-service"), (_session.View.Screen, _session.View.MessageCode));
        Assert.Empty(_queue.Requests);
    }

    [Fact]
    public async Task A_scanned_appointment_code_checks_in_at_once_without_choosing_a_service()
    {
        await _session.ScannedAsync(Appointment, default);

        var request = Assert.Single(_queue.Requests);
        Assert.Equal((null, Appointment, null), (request.ServiceId, request.AppointmentCode, request.IdNumber));
        Assert.Equal(KioskScreen.Ticket, _session.View.Screen);
        Assert.Equal("A001", _session.View.Ticket?.Number);
    }

    [Fact]
    public async Task An_appointment_scanned_after_a_card_swipe_carries_the_id_number_for_matching()
    {
        _session.CardPresented("张三", IdNumber, MaskedId);

        await _session.ScannedAsync(Appointment, default);

        var request = Assert.Single(_queue.Requests);
        Assert.Equal((Appointment, IdNumber), (request.AppointmentCode, request.IdNumber));
    }

    [Fact]
    public async Task An_accepted_pass_code_opens_the_services_with_its_colour()
    {
        await _session.ScannedAsync(GreenPass, default);

        Assert.Equal((KioskScreen.Services, "green", null), (_session.View.Screen, _session.View.PassColor, _session.View.MessageCode));
        Assert.Empty(_queue.Requests);
    }

    [Theory]
    [InlineData("HC1:red:8f3a9c0d", "pass-refused")]
    [InlineData("HC1:yellow:8f3a9c0d", "pass-refused")]
    [InlineData("hello", "unknown-code")]
    public async Task A_refused_or_unknown_code_is_explained_on_the_message_screen(string code, string reason)
    {
        await _session.ScannedAsync(code, default);

        Assert.Equal((KioskScreen.Message, reason), (_session.View.Screen, _session.View.MessageCode));
        Assert.Null(_session.View.PassColor);
        Assert.Empty(_queue.Requests);
    }

    [Fact]
    public async Task A_failed_print_tells_the_citizen_and_shows_the_voided_ticket()
    {
        _printer.PrintFailure = new IOException("device unplugged");

        await _session.ChooseAsync(FakeCatalog.CertificateService, default);

        Assert.Equal((KioskScreen.Message, "print-failed"), (_session.View.Screen, _session.View.MessageCode));
        Assert.Equal("A001", _session.View.Ticket?.Number);
        var report = Assert.Single(_queue.Reports);
        Assert.Equal(("A001", false), (report.TicketNumber, report.Ok));
    }

    [Fact]
    public async Task A_refusal_by_the_queue_server_is_shown_with_its_code()
    {
        _queue.Answer = _ => new TicketReply(null, new ErrorInfo("daily-limit", "今日取号已达上限"));
        _session.CardPresented("张三", IdNumber, MaskedId);

        await _session.ChooseAsync(FakeCatalog.PensionService, default);

        Assert.Equal((KioskScreen.Message, "daily-limit"), (_session.View.Screen, _session.View.MessageCode));
        Assert.Null(_session.View.Ticket);
        Assert.Empty(_printer.Printed);
    }

    [Fact]
    public async Task After_the_idle_timeout_on_the_kiosk_clock_the_citizen_is_forgotten()
    {
        _session.CardPresented("张三", IdNumber, MaskedId);
        _session.SetLanguage("en");

        _time.Advance(TimeSpan.FromSeconds(29));
        _session.Tick();
        Assert.Equal((KioskScreen.Services, MaskedId), (_session.View.Screen, _session.View.MaskedId));

        _time.Advance(TimeSpan.FromSeconds(1));
        _session.Tick();
        var view = _session.View;
        Assert.Equal((KioskScreen.Start, "zh"), (view.Screen, view.Language));
        Assert.Equal((null, null), (view.CitizenName, view.MaskedId));

        await _session.ChooseAsync(FakeCatalog.PensionService, default);
        Assert.Equal("id-required", _session.View.MessageCode);
        Assert.Empty(_queue.Requests);
    }

    [Fact]
    public void A_touch_restarts_the_idle_timeout()
    {
        _session.CardPresented("张三", IdNumber, MaskedId);
        _time.Advance(TimeSpan.FromSeconds(20));
        _session.SetLanguage("en");

        _time.Advance(TimeSpan.FromSeconds(20));
        _session.Tick();

        Assert.Equal(KioskScreen.Services, _session.View.Screen);
    }

    [Fact]
    public void Cancel_returns_to_the_start_and_forgets_the_card()
    {
        _session.CardPresented("张三", IdNumber, MaskedId);

        _session.Cancel();

        Assert.Equal((KioskScreen.Start, null), (_session.View.Screen, _session.View.MaskedId));
    }

    [Fact]
    public void Every_change_raises_a_newer_view_and_an_idle_tick_at_the_start_changes_nothing()
    {
        var seen = new List<KioskView>();
        _session.Changed += seen.Add;

        _session.CardPresented("张三", IdNumber, MaskedId);
        _session.SetLanguage("en");
        _session.Cancel();
        _time.Advance(TimeSpan.FromMinutes(5));
        _session.Tick();

        Assert.Equal(new[] { KioskScreen.Services, KioskScreen.Services, KioskScreen.Start }, seen.Select(v => v.Screen));
        Assert.Equal(new[] { 2L, 3L, 4L }, seen.Select(v => v.Version));
    }
}
