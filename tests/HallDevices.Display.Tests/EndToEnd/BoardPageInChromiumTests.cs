using System.Globalization;
using HallDevices.Display.Board;
using HallDevices.Display.Tests.Support;
using HallDevices.Testing.Ui;
using Microsoft.Playwright;
using SkiaSharp;

namespace HallDevices.Display.Tests.EndToEnd;

/// <summary>
/// The HTTP board page (Display:Urls) in a real headless Chromium, the way a smart-TV browser shows
/// it, fed by the real queue-server (child process) over MQTT. What the browser displays is read
/// back from the page itself (the &lt;img&gt; drawn to a canvas) and from screenshots (in a temp
/// folder per test, removed afterwards unless HALL_KEEP_SCREENSHOTS is set).
/// </summary>
public sealed class BoardPageInChromiumTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private const int Width = 1920;
    private const int Height = 1080;

    // The page's <img>: loaded, and (when asked) showing frame n or later of the SSE-announced ones.
    private const string ImageShowsFrame = """
        after => {
          const img = document.getElementById('board');
          const m = /[?&]n=(\d+)/.exec(img.src);
          return img.complete && img.naturalWidth > 0 && (after === 0 || (m !== null && Number(m[1]) >= after));
        }
        """;

    // The pixels the browser decoded for the <img>, as a PNG data URL (same origin, so the canvas is readable).
    private const string DisplayedImage = """
        () => {
          const img = document.getElementById('board');
          const c = document.createElement('canvas');
          c.width = img.naturalWidth; c.height = img.naturalHeight;
          c.getContext('2d').drawImage(img, 0, 0);
          return c.toDataURL('image/png');
        }
        """;

    private readonly string _shots = TempDir.Create("board-page");
    private ServerProcess _server = null!;
    private DisplayHost _display = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        _display = await DisplayHost.StartAsync(_server.MqttPort);
        await _display.FrameWhereAsync((_, frame) => frame.GetPixel(5, 5) == BoardRenderer.HeaderLive);
    }

    public async Task DisposeAsync()
    {
        await _display.DisposeAsync();
        await _server.DisposeAsync();
        if (Environment.GetEnvironmentVariable("HALL_KEEP_SCREENSHOTS") is null)
        {
            Directory.Delete(_shots, recursive: true);
        }
    }

    [Fact]
    public async Task The_page_shows_the_live_board_image_at_the_boards_own_resolution()
    {
        await using var browser = await chromium.OpenAsync(_display.BaseUri, Width, Height);

        await browser.Page.WaitForFunctionAsync(ImageShowsFrame, 0);

        var size = await browser.Page.EvaluateAsync<int[]>("() => { const i = document.getElementById('board'); return [i.naturalWidth, i.naturalHeight]; }");
        Assert.Equal([1920, 1080], size);
        Assert.Equal("叫号屏", await browser.Page.TitleAsync());
        using var displayed = await DisplayedAsync(browser.Page);
        Assert.Equal(BoardRenderer.HeaderLive, displayed.GetPixel(5, 5));

        // At 1920×1080 the page shows the board pixel for pixel: the screenshot is the board.
        using var shot = SKBitmap.Decode(await browser.ScreenshotAsync(Path.Combine(_shots, "board.png")));
        Assert.Equal((Width, Height), (shot.Width, shot.Height));
        Assert.Equal(BoardRenderer.HeaderLive, shot.GetPixel(5, 5));
        Assert.Equal(0, Boards.Differences(shot, displayed, SKRect.Create(0, 0, Width, Height)));
        browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task After_a_call_over_mqtt_the_page_swaps_in_a_board_image_showing_the_call_without_reloading()
    {
        await using var browser = await chromium.OpenAsync(_display.BaseUri, Width, Height);
        await browser.Page.WaitForFunctionAsync(ImageShowsFrame, 0);
        await browser.Page.EvaluateAsync("() => { window.sameDocument = true; }");
        using var before = SKBitmap.Decode(await browser.ScreenshotAsync(Path.Combine(_shots, "before-call.png")));

        var number = await CallNextAtW5Async();
        var (frame, bitmap) = await _display.FrameWhereAsync((_, b) => ShowsCall(b, number));
        bitmap.Dispose();

        // The page hears of the frame by server-sent events and swaps the image in place.
        await browser.Page.WaitForFunctionAsync(ImageShowsFrame, frame.Sequence);
        using var displayed = await DisplayedAsync(browser.Page);
        Assert.True(ShowsCall(displayed, number), $"the page's image does not show {number} as the current call");
        Assert.True(await browser.Page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page reloaded instead of swapping the image");

        using var after = SKBitmap.Decode(await browser.ScreenshotAsync(Path.Combine(_shots, "after-call.png")));
        Assert.True(ShowsCall(after, number), $"the screenshot does not show {number} as the current call");
        Assert.False(ShowsCall(before, number));
        Assert.True(Boards.Differences(before, after, Boards.Layout().CurrentNumber) > 1_000, "the current-call area did not change on screen");
        browser.AssertNoScriptErrors();
    }

    // Highlighted or not depends on how long the highlight lasts against how fast the page caught up; the number is what matters.
    private static bool ShowsCall(SKBitmap board, string number) =>
        Boards.ShowsCurrent(board, number, highlighted: true) || Boards.ShowsCurrent(board, number, highlighted: false);

    private static async Task<SKBitmap> DisplayedAsync(IPage page)
    {
        var dataUrl = await page.EvaluateAsync<string>(DisplayedImage);
        var png = Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',', StringComparison.Ordinal) + 1)..]);
        return SKBitmap.Decode(png) ?? throw new InvalidDataException("the page's image is not a PNG");
    }

    private async Task<string> CallNextAtW5Async()
    {
        await using var kiosk = await Mqtt.ConnectAsync(_server.MqttPort, Sample.Kiosk);
        await using var staff = await Mqtt.ConnectAsync(_server.MqttPort, Sample.Display);
        var ticket = await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString(), serviceId = "consultation", channel = "kiosk" });
        Assert.Equal("ok", ticket.Code());
        var login = await staff.RequestAsync("counter", new { requestId = Guid.NewGuid().ToString(), counterId = "w5", action = "login", staffId = "zhang" });
        Assert.Equal("ok", login.Code());
        var call = await staff.RequestAsync("counter", new { requestId = Guid.NewGuid().ToString(), counterId = "w5", action = "call-next" });
        Assert.Equal("ok", call.Code());
        return call.Number().ToString(CultureInfo.InvariantCulture);
    }
}
