using System.Globalization;
using HallDevices.Display.Board;
using HallDevices.Display.Hosting;
using HallDevices.Display.Tests.Support;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.Tests.EndToEnd;

public class StartupTests
{
    [Fact]
    public async Task A_missing_font_stops_the_app_at_start_up_with_a_clear_message()
    {
        var e = await Assert.ThrowsAsync<DisplayStartupException>(() => DisplayHost.StartAsync(ServerProcess.FreePort(), new Dictionary<string, string?>
        {
            ["Display:Board:FontPath"] = "/nonexistent/font.ttc",
        }));

        Assert.Contains("fonts-wqy-microhei", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Display:Voice:Engine", "festival", "Display:Voice:Engine")]
    [InlineData("Display:Board:Width", "100", "Display:Board:Width")]
    [InlineData("Display:HallId", "bad/hall", "Display:HallId")]
    [InlineData("Display:Bus:ReadBackSeconds", "0", "ReadBackSeconds")]
    public async Task Invalid_settings_are_refused_at_start_up_naming_the_key(string key, string value, string named)
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => DisplayHost.StartAsync(ServerProcess.FreePort(), new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_broker_the_app_starts_and_the_board_says_it_cannot_reach_the_server()
    {
        await using var display = await DisplayHost.StartAsync(ServerProcess.FreePort(), new Dictionary<string, string?> { ["Display:Voice:Engine"] = "none" });

        var (_, frame) = await display.FrameWhereAsync((_, b) => b.GetPixel(5, 5) == HallDevices.Display.Board.BoardRenderer.HeaderOffline);

        using (frame)
        {
            Assert.Null(display.State.Snapshot().LastGoodAt);
        }
    }

    [Fact]
    public async Task The_board_clock_runs_on_the_hall_clock_of_the_Clock_keys_and_not_on_real_time()
    {
        // A day that is not today, one hall minute per real second.
        var start = new DateTimeOffset(2001, 2, 3, 8, 30, 0, TimeSpan.FromHours(8));
        var origin = DateTimeOffset.UtcNow;
        await using var display = await DisplayHost.StartAsync(ServerProcess.FreePort(), new Dictionary<string, string?>
        {
            ["Display:Voice:Engine"] = "none",
            ["Clock:Speed"] = "60",
            ["Clock:Start"] = start.ToString("o", CultureInfo.InvariantCulture),
            ["Clock:Origin"] = origin.ToString("o", CultureInfo.InvariantCulture),
        });
        var header = Boards.Layout().Header;

        // Each frame's header must be pixel for pixel the header drawn for one hall minute of that
        // morning; two different minutes within seconds show the clock runs at the hall's speed.
        var minutes = new List<int>();
        await display.FrameWhereAsync((view, frame) =>
        {
            if (view.Link != LinkState.Offline || frame.GetPixel(5, 5) != BoardRenderer.HeaderOffline)
            {
                return false;
            }

            // Candidates around the minute the hall clock should read by now (rendering each is slow).
            var due = (int)(DateTimeOffset.UtcNow - origin).TotalSeconds;
            var shown = Enumerable.Range(Math.Max(0, due - 4), 6).Where(m =>
            {
                using var expected = Boards.Render(view, DateTimeOffset.UtcNow, clock: start.AddMinutes(m));
                return Boards.Differences(frame, expected, header) == 0;
            }).ToList();
            Assert.Single(shown);
            minutes.Add(shown[0]);
            return minutes.Distinct().Count() >= 2;
        }, TimeSpan.FromSeconds(30));

        Assert.True(minutes[^1] > minutes[0], $"hall minutes shown: {string.Join(", ", minutes)}");
    }
}
