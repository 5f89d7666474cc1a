using HallDevices.Kiosk.Flows;
using HallDevices.Kiosk.Tickets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Tests.Flows;

/// <summary>取号并打印办事指南: the receipt carries the guide's short form when the kiosk has the guide.</summary>
public class TicketFlowGuideTests
{
    private const string Hall = "新桥镇为民服务中心";
    private readonly FakeQueueClient _queue = new();
    private readonly FakeTicketPrinter _printer = new();
    private readonly FakeCatalog _catalog = new();

    private TicketFlow Flow() => new(_queue, _printer, Options.Create(new KioskOptions { DeviceId = "kiosk-07" }), TimeProvider.System, NullLogger<TicketFlow>.Instance, _catalog);

    [Fact]
    public async Task Asked_for_the_guide_the_receipt_carries_its_short_lines()
    {
        var outcome = await Flow().IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null, PrintGuide: true), Hall, default);

        Assert.Equal(TicketOutcomeKind.Printed, outcome.Kind);
        var printed = Assert.Single(_printer.Printed);
        Assert.Equal(TicketGuide.ShortLines(_catalog.Guides[FakeCatalog.CertificateService]), printed.GuideLines);
        Assert.Contains("1. 居民身份证原件", printed.GuideLines);
    }

    [Fact]
    public async Task Not_asked_for_the_guide_the_receipt_has_none()
    {
        await Flow().IssueAsync(new TicketAsk(FakeCatalog.CertificateService, null, null), Hall, default);

        Assert.Empty(Assert.Single(_printer.Printed).GuideLines);
    }

    [Fact]
    public async Task A_guide_the_kiosk_has_not_received_is_not_made_up_and_the_ticket_still_prints()
    {
        var outcome = await Flow().IssueAsync(new TicketAsk(FakeCatalog.PensionService, "11010519491231002X", null, PrintGuide: true), Hall, default);

        Assert.Equal(TicketOutcomeKind.Printed, outcome.Kind);
        Assert.Empty(Assert.Single(_printer.Printed).GuideLines);
    }
}
