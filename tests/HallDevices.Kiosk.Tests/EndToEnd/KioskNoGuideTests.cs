using System.Text.Json.Nodes;
using HallDevices.Testing;
using HallDevices.Testing.Ui;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.Kiosk.Tests.EndToEnd;

/// <summary>The sample town with the guide of 综合咨询 taken out of its hall file (a copy in a temp folder).</summary>
public sealed class NoGuideKioskHall : KioskHall
{
    public const string ServiceId = "consultation";

    private readonly string _hallFile = WriteHallFile();

    protected override IReadOnlyDictionary<string, string> ServerSettings => new Dictionary<string, string>
    {
        ["Hall:ConfigFile"] = _hallFile,
    };

    private static string WriteHallFile()
    {
        var hall = JsonNode.Parse(File.ReadAllText(Repo.SampleHallFile))!;
        var service = hall["services"]!.AsArray().Single(s => (string?)s!["id"] == ServiceId)!.AsObject();
        Assert.True(service.Remove("guide"), $"{ServiceId} has a guide in the sample hall file");
        var path = Path.Combine(TempDir.Create("no-guide-hall"), "sample-town.json");
        File.WriteAllText(path, hall.ToJsonString());
        return path;
    }
}

[CollectionDefinition("no guide kiosk hall")]
public sealed class NoGuideKioskHallCollection : ICollectionFixture<NoGuideKioskHall>;

/// <summary>A service whose hall file has no guide: the guide screen says so and invents nothing.</summary>
[Collection("no guide kiosk hall")]
public sealed class KioskNoGuideTests(NoGuideKioskHall hall, HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private BrowserPage _browser = null!;

    private ILocator Screen => _browser.Page.Screen();

    public async Task InitializeAsync()
    {
        await hall.BackToStartAsync();
        _browser = await chromium.OpenAsync(hall.Kiosk.BaseUri, 1280, 800, touch: true);
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "start");
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await hall.BackToStartAsync();
    }

    [Fact]
    public async Task A_service_without_a_guide_says_plainly_that_there_is_none_shows_no_materials_fee_or_printed_guide_and_still_issues_a_ticket()
    {
        var service = SampleHall.Town.Service(NoGuideKioskHall.ServiceId);
        await _browser.Page.OpenListOfAsync(SampleHall.Town, service);
        await _browser.Page.PageToAsync(service.Id);

        await Screen.Locator($"button[data-service='{service.Id}']").TapAsync();

        await Expect(Screen.GetByTestId("guide-name")).ToHaveTextAsync(service.Name);
        await Expect(Screen.GetByTestId("no-guide")).ToHaveTextAsync("暂无办事指南，请到引导台咨询");
        await Expect(Screen.GetByTestId("materials")).ToHaveCountAsync(0);
        await Expect(Screen.GetByTestId("fee")).ToHaveCountAsync(0);
        Assert.DoesNotContain("不收费", await Screen.InnerTextAsync(), StringComparison.Ordinal);
        await Expect(Screen.Locator("[data-action='take-with-guide']")).ToHaveCountAsync(0);
        await Expect(Screen.Locator("[data-action='speak']")).ToBeVisibleAsync();

        // The kiosk holds no guide for it whatever the server published for it (nothing, or a bare one).
        var state = await hall.StateAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, state.GetProperty("guide").ValueKind);

        var next = hall.ReceiptCount + 1;
        await Screen.Locator("[data-action='take']").TapAsync();
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "ticket");
        await hall.WaitForReceiptAsync(next);
        _browser.AssertNoScriptErrors();
    }
}
