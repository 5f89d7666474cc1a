using HallDevices.Kiosk.Flows;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Kiosk.Tests.Flows;

/// <summary>The guide screen, elderly mode and browsing in the page, as the session keeps them.</summary>
public class KioskSessionBrowsingTests
{
    private const string IdNumber = "11010519491231002X";
    private const string MaskedId = "1101**********002X";

    private readonly FakeQueueClient _queue = new();
    private readonly FakeTicketPrinter _printer = new();
    private readonly FakeCatalog _catalog = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero));
    private readonly KioskSession _session;

    public KioskSessionBrowsingTests()
    {
        var options = Options.Create(new KioskOptions { DeviceId = "kiosk-07", IdleTimeoutSeconds = 30 });
        var flow = new TicketFlow(_queue, _printer, options, _time, NullLogger<TicketFlow>.Instance, _catalog);
        _session = new KioskSession(flow, new PassCodePolicy(new PassCodeOptions()), _catalog, _time, options);
    }

    private void Idle(int seconds)
    {
        _time.Advance(TimeSpan.FromSeconds(seconds));
        _session.Tick();
    }

    [Fact]
    public void A_service_opens_its_guide_and_back_returns_to_the_start_screen()
    {
        Assert.True(_session.OpenGuide(FakeCatalog.CertificateService));
        Assert.Equal((KioskScreen.Guide, FakeCatalog.CertificateService), (_session.View.Screen, _session.View.GuideServiceId));

        _session.CloseGuide();

        Assert.Equal((KioskScreen.Start, null), (_session.View.Screen, _session.View.GuideServiceId));
    }

    [Fact]
    public void An_unknown_service_has_no_guide_and_the_screen_stays()
    {
        Assert.False(_session.OpenGuide("no-such-service"));

        Assert.Equal(KioskScreen.Start, _session.View.Screen);
        Assert.Equal(1, _session.View.Version);
    }

    [Fact]
    public void Back_from_a_guide_after_a_card_swipe_keeps_the_citizen_on_the_services()
    {
        _session.CardPresented("张三", IdNumber, MaskedId);
        _session.OpenGuide(FakeCatalog.PensionService);

        _session.CloseGuide();

        Assert.Equal((KioskScreen.Services, "张*"), (_session.View.Screen, _session.View.CitizenName));
    }

    [Fact]
    public async Task A_card_swiped_on_a_guide_that_needs_it_stays_on_the_guide_and_the_ticket_carries_the_number()
    {
        _session.OpenGuide(FakeCatalog.PensionService);

        _session.CardPresented("张三", IdNumber, MaskedId);
        Assert.Equal((KioskScreen.Guide, FakeCatalog.PensionService, MaskedId), (_session.View.Screen, _session.View.GuideServiceId, _session.View.MaskedId));
        await _session.ChooseAsync(FakeCatalog.PensionService, default);

        Assert.Equal(IdNumber, Assert.Single(_queue.Requests).IdNumber);
        Assert.Equal((KioskScreen.Ticket, null), (_session.View.Screen, _session.View.GuideServiceId));
    }

    [Fact]
    public async Task Take_on_a_guide_that_needs_the_card_stays_on_the_guide_saying_so_and_the_card_swiped_then_gets_the_ticket()
    {
        _session.SetLanguage("en");
        _session.SetElderly(true);
        _session.OpenGuide(FakeCatalog.PensionService);

        await _session.ChooseAsync(FakeCatalog.PensionService, default);

        Assert.Equal((KioskScreen.Guide, FakeCatalog.PensionService, "id-required"), (_session.View.Screen, _session.View.GuideServiceId, _session.View.MessageCode));
        Assert.Empty(_queue.Requests);
        _session.CardPresented("张三", IdNumber, MaskedId);
        Assert.Equal((KioskScreen.Guide, FakeCatalog.PensionService, null, "en", true), (_session.View.Screen, _session.View.GuideServiceId, _session.View.MessageCode, _session.View.Language, _session.View.Elderly));
        await _session.ChooseAsync(FakeCatalog.PensionService, default);

        Assert.Equal(IdNumber, Assert.Single(_queue.Requests).IdNumber);
        Assert.Equal(KioskScreen.Ticket, _session.View.Screen);
    }

    [Fact]
    public async Task Back_from_a_guide_that_refused_for_the_card_forgets_the_refusal()
    {
        _session.OpenGuide(FakeCatalog.PensionService);
        await _session.ChooseAsync(FakeCatalog.PensionService, default);

        _session.CloseGuide();

        Assert.Equal((KioskScreen.Start, null), (_session.View.Screen, _session.View.MessageCode));
    }

    [Fact]
    public async Task A_ticket_from_the_guide_with_the_guide_printed_is_issued_like_any_ticket_and_carries_the_guide()
    {
        _session.OpenGuide(FakeCatalog.CertificateService);

        await _session.ChooseAsync(FakeCatalog.CertificateService, printGuide: true, default);

        Assert.Equal(FakeCatalog.CertificateService, Assert.Single(_queue.Requests).ServiceId);
        Assert.Equal(HallDevices.Kiosk.Tickets.TicketGuide.Title, Assert.Single(_printer.Printed).GuideLines[0]);
        Assert.Equal(KioskScreen.Ticket, _session.View.Screen);
    }

    [Fact]
    public void Elderly_mode_is_forgotten_with_the_citizen_like_the_language()
    {
        _session.SetElderly(true);
        _session.SetLanguage("en");
        Assert.True(_session.View.Elderly);

        _session.Cancel();

        Assert.Equal((false, "zh"), (_session.View.Elderly, _session.View.Language));
    }

    [Fact]
    public void Elderly_mode_switched_on_at_the_start_screen_is_forgotten_after_the_idle_timeout()
    {
        _session.SetElderly(true);

        Idle(29);
        Assert.True(_session.View.Elderly);
        Idle(1);

        Assert.False(_session.View.Elderly);
    }

    [Fact]
    public void Browsing_in_the_page_keeps_the_idle_timeout_away_and_changes_nothing_on_screen()
    {
        _session.OpenGuide(FakeCatalog.CertificateService);
        var version = _session.View.Version;

        for (var i = 0; i < 5; i++)
        {
            Idle(20);
            _session.Touch();
        }

        Assert.Equal((KioskScreen.Guide, version), (_session.View.Screen, _session.View.Version));
        Idle(30);
        Assert.Equal(KioskScreen.Start, _session.View.Screen);
    }

    [Fact]
    public void A_citizen_who_browsed_from_the_start_screen_and_left_is_forgotten_so_the_page_starts_over()
    {
        var visit = _session.View.Visit;
        _session.Touch();

        Idle(30);

        Assert.Equal((KioskScreen.Start, visit + 1), (_session.View.Screen, _session.View.Visit));

        // At rest now: later ticks change nothing.
        var version = _session.View.Version;
        Idle(300);
        Assert.Equal(version, _session.View.Version);
    }

    [Fact]
    public void Every_forgotten_citizen_is_a_new_visit()
    {
        var visit = _session.View.Visit;
        _session.CardPresented("张三", IdNumber, MaskedId);
        Assert.Equal(visit, _session.View.Visit);

        _session.Cancel();

        Assert.Equal(visit + 1, _session.View.Visit);
    }

    [Fact]
    public async Task No_guide_opens_while_a_ticket_is_being_printed()
    {
        var release = new TaskCompletionSource();
        _queue.Gate = release.Task;
        var issuing = _session.ChooseAsync(FakeCatalog.CertificateService, default);
        Assert.Equal(KioskScreen.Working, _session.View.Screen);

        Assert.False(_session.OpenGuide(FakeCatalog.PensionService));
        _session.CloseGuide();
        Assert.Equal(KioskScreen.Working, _session.View.Screen);

        release.SetResult();
        await issuing;
        Assert.Equal(KioskScreen.Ticket, _session.View.Screen);
    }
}
