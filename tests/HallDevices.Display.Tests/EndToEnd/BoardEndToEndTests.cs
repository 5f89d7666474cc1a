using System.Net;
using HallDevices.Devices.Voice;
using HallDevices.Display.Board;
using HallDevices.Display.Tests.Support;
using HallDevices.Display.Voice;
using SkiaSharp;

namespace HallDevices.Display.Tests.EndToEnd;

/// <summary>The real queue-server (child process) and the display app, talking MQTT through the server's embedded broker.</summary>
public sealed class BoardEndToEndTests : IAsyncLifetime
{
    private ServerProcess _server = null!;
    private DisplayHost _display = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        _display = await DisplayHost.StartAsync(_server.MqttPort);
    }

    public async Task DisposeAsync()
    {
        await _display.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_call_made_over_mqtt_shows_highlighted_in_a_new_numbered_snapshot_and_is_announced()
    {
        await _display.FrameWhereAsync(IsLive);
        var number = await CallNextAtW5Async();

        var (frame, bitmap) = await _display.FrameWhereAsync((view, b) => view.Current?.Ticket == number && Boards.ShowsCurrent(b, number, highlighted: true));

        using (bitmap)
        {
            Assert.NotNull(frame.SnapshotPath);
            using var snapshot = SKBitmap.Decode(frame.SnapshotPath);
            Assert.Equal((1920, 1080), (snapshot.Width, snapshot.Height));
            Assert.True(Boards.ShowsCurrent(snapshot, number, highlighted: true));
            Assert.False(Boards.ShowsCurrent(snapshot, "D999", highlighted: true));
        }

        // The announcement for the call becomes a WAV file (Display:Voice:OutDir) with real speech in it.
        var voice = _display.Service<VoiceService>();
        await Until(() => voice.Played >= 1);
        var wav = Assert.Single(Directory.GetFiles(_display.WavDir, "announce-*.wav"));
        Assert.EndsWith($"-{number}.wav", wav, StringComparison.Ordinal);
        Assert.InRange(Wav.Read(await File.ReadAllBytesAsync(wav)).Duration.TotalSeconds, 2, 20);
    }

    [Fact]
    public async Task The_http_page_serves_the_live_board_png_and_announces_new_frames_by_server_sent_events()
    {
        await _display.FrameWhereAsync(IsLive);
        using var http = new HttpClient { BaseAddress = _display.BaseUri, Timeout = TimeSpan.FromSeconds(20) };

        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("board.png", page, StringComparison.Ordinal);
        Assert.Contains("EventSource", page, StringComparison.Ordinal);

        using var events = await http.GetAsync(new Uri("/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.Equal("event: frame", await reader.ReadLineAsync());
        var before = long.Parse((await reader.ReadLineAsync())!["data: ".Length..], System.Globalization.CultureInfo.InvariantCulture);

        var number = await CallNextAtW5Async();
        await _display.FrameWhereAsync((_, b) => Boards.ShowsCurrent(b, number, highlighted: true));

        // A later frame is announced on the open stream, and /board.png then shows the call.
        string? line;
        long announced = before;
        while (announced <= before && (line = await reader.ReadLineAsync()) is not null)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                announced = long.Parse(line["data: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Assert.True(announced > before);
        var png = await http.GetAsync(new Uri("/board.png", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        using var board = SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync());
        Assert.True(Boards.ShowsCurrent(board, number, highlighted: true));
    }

    [Fact]
    public async Task When_the_server_and_its_broker_die_the_board_says_so_and_it_comes_back_live_by_itself()
    {
        await _display.FrameWhereAsync(IsLive);
        var number = await CallNextAtW5Async();
        await _display.FrameWhereAsync((view, _) => view.Current?.Ticket == number);

        _server.KillHard();
        var (_, offline) = await _display.FrameWhereAsync((_, b) => b.GetPixel(5, 5) == BoardRenderer.HeaderOffline);
        using (offline)
        {
            Assert.Equal(LinkState.Offline, _display.State.Snapshot().Link);
            Assert.NotNull(_display.State.Snapshot().LastGoodAt);
        }

        await _server.StartAgainAsync();
        var (_, live) = await _display.FrameWhereAsync(IsLive, TimeSpan.FromSeconds(30));
        using (live)
        {
            Assert.Equal(LinkState.Live, _display.State.Snapshot().Link);

            // Highlighted or not depends on whether the restart took longer than the highlight; the number is what matters.
            Assert.True(Boards.ShowsCurrent(live, number, highlighted: false) || Boards.ShowsCurrent(live, number, highlighted: true));
        }
    }

    private static bool IsLive(BoardView view, SKBitmap frame) => frame.GetPixel(5, 5) == BoardRenderer.HeaderLive;

    private async Task<string> CallNextAtW5Async()
    {
        await using var kiosk = await Mqtt.ConnectAsync(_server.MqttPort, Sample.Kiosk);
        await using var staff = await Mqtt.ConnectAsync(_server.MqttPort, Sample.Display);
        var ticket = await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString(), serviceId = "consultation", channel = "kiosk" });
        Assert.Equal("ok", ticket.Code());
        var login = await staff.RequestAsync("counter", new { requestId = Guid.NewGuid().ToString(), counterId = "w5", action = "login", staffId = "zhang" });
        Assert.True(login.Code() is "ok" or "staff-elsewhere" or "counter-occupied", login.ToString());
        var call = await staff.RequestAsync("counter", new { requestId = Guid.NewGuid().ToString(), counterId = "w5", action = "call-next" });
        Assert.Equal("ok", call.Code());
        return call.Number();
    }

    private static async Task Until(Func<bool> condition)
    {
        // Waiting for a background worker to finish, not measuring it: the deadline is generous.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 30 s");
            await Task.Delay(50);
        }
    }
}
