using HallDevices.Display.Board;
using HallDevices.Display.Hosting;
using HallDevices.Display.Output;
using HallDevices.Display.Tests.Support;
using SkiaSharp;

namespace HallDevices.Display.Tests.Board;

public class BoardRendererTests
{
    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1080, 1920)]
    [InlineData(3840, 2160)]
    public void A_rendered_board_encodes_as_a_png_that_decodes_at_the_configured_size(int width, int height)
    {
        var time = Boards.Clock();
        var state = Boards.Live(time, Boards.Board(("A012", "3号窗口"), ("B004", "5号窗口")));
        using var bitmap = Boards.Render(state.Snapshot(), time.GetUtcNow(), width, height);
        using var image = SKImage.FromBitmap(bitmap);

        var png = PngOutput.Encode(image);
        using var decoded = SKBitmap.Decode(png);

        Assert.Equal("PNG"u8.ToArray(), png[1..4]);
        Assert.Equal(width, decoded.Width);
        Assert.Equal(height, decoded.Height);
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1080, 1920)]
    [InlineData(3840, 2160)]
    public void The_current_number_is_drawn_inside_its_panel_and_readable_as_that_number(int width, int height)
    {
        var time = Boards.Clock();
        var state = Boards.Live(time, Boards.Board(("A012", "3号窗口"), ("B004", "5号窗口")));
        using var frame = Boards.Render(state.Snapshot(), time.GetUtcNow(), width, height);
        var layout = Boards.Layout(width, height);

        // Number glyphs in the number colour fill a real share of the number area...
        var numberPixels = Boards.Count(frame, layout.CurrentNumber, BoardRenderer.NumberNormal);
        Assert.True(numberPixels > layout.CurrentNumber.Width * layout.CurrentNumber.Height * 0.03, $"only {numberPixels} number-coloured pixels");

        // ...and they are the glyphs of A012, not of another number.
        Assert.True(Boards.ShowsCurrent(frame, "A012", highlighted: false));
        Assert.False(Boards.ShowsCurrent(frame, "A013", highlighted: false));
    }

    [Fact]
    public void A_new_call_is_highlighted_and_an_old_one_is_not()
    {
        var time = Boards.Clock();
        var layout = Boards.Layout();
        var corner = new SKRect(layout.CurrentPanel.Left + 30, layout.CurrentPanel.Bottom - 40, layout.CurrentPanel.Left + 60, layout.CurrentPanel.Bottom - 30);

        var fresh = Boards.Live(time, Boards.Board(("A012", "3号窗口")), highlight: true);
        using var highlighted = Boards.Render(fresh.Snapshot(), time.GetUtcNow());
        var old = Boards.Live(time, Boards.Board(("A012", "3号窗口")), highlight: false);
        using var plain = Boards.Render(old.Snapshot(), time.GetUtcNow());

        Assert.Equal(300, Boards.Count(highlighted, corner, BoardRenderer.PanelHighlight, 2));
        Assert.Equal(300, Boards.Count(plain, corner, BoardRenderer.PanelNormal, 2));
        Assert.True(Boards.ShowsCurrent(highlighted, "A012", highlighted: true));
    }

    [Fact]
    public void Latest_calls_and_waiting_counts_are_drawn_in_the_right_column()
    {
        var time = Boards.Clock();
        var layout = Boards.Layout();
        var full = Boards.Live(time, Boards.Board(("A012", "3号窗口"), ("B004", "5号窗口"), ("C001", "4号窗口")));
        using var withCalls = Boards.Render(full.Snapshot(), time.GetUtcNow());
        var fewer = Boards.Live(time, Boards.Board(("A012", "3号窗口")));
        using var oneCall = Boards.Render(fewer.Snapshot(), time.GetUtcNow());

        // Rows 2 and 3 of the list exist only in the first frame; the waiting block is identical.
        var rows = new SKRect(layout.RecentCalls.Left, layout.RecentCalls.Top + 140, layout.RecentCalls.Right, layout.RecentCalls.Bottom);
        Assert.True(Boards.Differences(withCalls, oneCall, rows) > 500);
        Assert.Equal(0, Boards.Differences(withCalls, oneCall, layout.Waiting));
        Assert.True(Boards.Count(withCalls, layout.Waiting, SKColors.White, 40) > 1000, "waiting rows are drawn in white");
    }

    [Fact]
    public void An_offline_board_says_so_in_a_red_header_and_dims_the_old_calls()
    {
        var time = Boards.Clock();
        var layout = Boards.Layout();
        var state = Boards.Live(time, Boards.Board(("A012", "3号窗口")), highlight: true);
        using var live = Boards.Render(state.Snapshot(), time.GetUtcNow());

        time.Advance(TimeSpan.FromSeconds(5));
        state.SetConnected(false);
        var view = state.Snapshot();
        using var offline = Boards.Render(view, time.GetUtcNow());

        Assert.Equal(LinkState.Offline, view.Link);
        Assert.Equal(Boards.Morning.AddSeconds(5), view.LastGoodAt);
        var headerEdge = new SKRect(layout.Header.Left, layout.Header.Top, layout.Header.Left + 20, layout.Header.Bottom);
        Assert.Equal((int)(headerEdge.Width * headerEdge.Height), Boards.Count(offline, headerEdge, BoardRenderer.HeaderOffline, 2));
        Assert.Equal((int)(headerEdge.Width * headerEdge.Height), Boards.Count(live, headerEdge, BoardRenderer.HeaderLive, 2));

        // No highlight while offline, and the whole body is darker than when live.
        Assert.False(view.IsHighlighted(time.GetUtcNow()));
        Assert.True(Luminance(offline, layout.CurrentPanel) < Luminance(live, layout.CurrentPanel) * 0.6);
    }

    [Fact]
    public void The_clock_shows_the_hall_time_and_changes_with_the_minute()
    {
        var time = Boards.Clock();
        var state = Boards.Live(time, Boards.Board(("A012", "3号窗口")));
        var layout = Boards.Layout();
        var clock = new SKRect(layout.Header.Right - 260, layout.Header.Top, layout.Header.Right, layout.Header.Bottom);
        using var first = Boards.Render(state.Snapshot(), time.GetUtcNow());
        using var sameMinute = Boards.Render(state.Snapshot(), time.GetUtcNow().AddSeconds(30));
        using var nextMinute = Boards.Render(state.Snapshot(), time.GetUtcNow().AddMinutes(1));

        Assert.Equal(0, Boards.Differences(first, sameMinute, clock));
        Assert.True(Boards.Differences(first, nextMinute, clock) > 50);
    }

    [Fact]
    public void A_missing_font_file_stops_start_up_naming_the_key_and_the_package()
    {
        var e = Assert.Throws<DisplayStartupException>(() => BoardFont.Load("/nonexistent/wqy-microhei.ttc"));

        Assert.Contains("Display:Board:FontPath", e.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-wqy-microhei", e.Message, StringComparison.Ordinal);
    }

    private static double Luminance(SKBitmap bitmap, SKRect rect)
    {
        double sum = 0;
        var n = 0;
        for (var y = (int)rect.Top; y < (int)rect.Bottom; y += 4)
        {
            for (var x = (int)rect.Left; x < (int)rect.Right; x += 4)
            {
                var p = bitmap.GetPixel(x, y);
                sum += (0.2126 * p.Red) + (0.7152 * p.Green) + (0.0722 * p.Blue);
                n++;
            }
        }

        return sum / n;
    }
}
