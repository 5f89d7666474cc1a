using Microsoft.Playwright;

namespace HallDevices.Testing.Ui;

/// <summary>
/// A real headless Chromium — Debian's <c>/usr/bin/chromium</c>, never a downloaded build — driven by
/// Playwright, whose NuGet package carries its own driver. One browser per test class (use it as an
/// xUnit class fixture); every test opens its own page in a fresh browser context, so cookies and
/// storage never leak between tests. Playwright launches the browser with a fresh temporary
/// user-data-dir of its own and deletes it, and the browser process, on dispose; if the test host
/// dies instead, the driver sees its pipe close and kills the browser.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    /// <summary>Where Debian's <c>chromium</c> package installs the browser (<c>./hall.sh test</c> installs it).</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    // Quiet, offline and reproducible: no GPU, no sandbox (tests run as root), no background
    // traffic or updates, no QUIC. Playwright adds its own automation flags on top.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--font-render-hinting=none",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The browser binary: <c>HALL_CHROMIUM</c> when set, otherwise <see cref="DefaultExecutable"/>.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("HALL_CHROMIUM") is { Length: > 0 } path ? path : DefaultExecutable;

    /// <summary>How long a page waits for an element or condition before a test fails (a deadline, not a measurement).</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(20);

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser is not started");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Executable), $"Chromium is not installed at {Executable}; `./hall.sh test` installs Debian's chromium (apt-get install chromium)");
        Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = Flags,
            Timeout = 60_000,
        });
    }

    /// <summary>
    /// Opens <paramref name="url"/> in a new context with a <paramref name="width"/>×<paramref name="height"/>
    /// viewport at device scale 1 (screenshots are pixel for pixel); <paramref name="touch"/> emulates a
    /// touchscreen, so <c>TapAsync</c> sends real touch events. The browser keeps its own (English) locale:
    /// what language a page shows is the page's decision.
    /// </summary>
    public async Task<BrowserPage> OpenAsync(Uri url, int width, int height, bool touch = false)
    {
        ArgumentNullException.ThrowIfNull(url);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
            HasTouch = touch,
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var opened = new BrowserPage(context, page);
        await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return opened;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>One page in its own browser context; remembers script errors and failed requests so a test can insist on none.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];
    private readonly HashSet<IRequest> _answered = [];

    internal BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, message) => Record("page error: " + message);
        page.Console += (_, message) =>
        {
            // Failed loads are judged below, by URL; the browser's own favicon probe is not the page's doing.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Record($"console error: {message.Text} ({message.Location})");
            }
        };
        page.Response += (_, response) =>
        {
            lock (_answered)
            {
                _answered.Add(response.Request);
            }

            if (response.Status >= 400 && !response.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                Record($"HTTP {response.Status} for {response.Request.Method} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            // A fire-and-forget fetch whose empty body the page never reads is reported as
            // ERR_ABORTED after its answer arrived: the request itself succeeded.
            bool answered;
            lock (_answered)
            {
                answered = _answered.Contains(request);
            }

            // An image load cancelled because the page already asked for a newer frame is the
            // board page working as meant, not an error.
            var superseded = request.ResourceType == "image" && request.Failure == "net::ERR_ABORTED";
            if (!(answered && request.Failure == "net::ERR_ABORTED") && !superseded)
            {
                Record($"request failed: {request.Method} {request.Url} ({request.Failure})");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Uncaught exceptions, console errors and failed or refused requests of the page so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Fails the test with every error the page met, if any.</summary>
    public void AssertNoScriptErrors()
    {
        var errors = Errors;
        Assert.True(errors.Count == 0, "the page reported errors:\n" + string.Join('\n', errors));
    }

    /// <summary>A PNG of the viewport, written to <paramref name="path"/>.</summary>
    public async Task<string> ScreenshotAsync(string path)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Type = ScreenshotType.Png, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
