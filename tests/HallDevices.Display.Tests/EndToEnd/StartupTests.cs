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
}
