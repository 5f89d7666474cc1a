using HallDevices.Contracts;
using HallDevices.Display.Board;
using HallDevices.Display.Hosting;
using HallDevices.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;

namespace HallDevices.Display.Tests.Support;

/// <summary>Known board states and pixel helpers for checking what a frame shows and where.</summary>
public static class Boards
{
    public static readonly DateTimeOffset Morning = new(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(8));

    private static readonly Lazy<SKTypeface> Font = new(() => BoardFont.Load(BoardOptions.DefaultFont));

    internal static SKTypeface Typeface => Font.Value;

    internal static DisplayOptions Options(Action<DisplayOptions>? configure = null)
    {
        var o = new DisplayOptions { Voice = { Engine = "none" } };
        configure?.Invoke(o);
        return o;
    }

    internal static BoardState State(FakeTimeProvider time, DisplayOptions? options = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? Options()), time);

    internal static FakeTimeProvider Clock() => new(Morning);

    internal static BoardMessage Board(params (string Ticket, string Counter)[] calls) => Board(Morning, calls);

    internal static BoardMessage Board(DateTimeOffset at, params (string Ticket, string Counter)[] calls) => new(
        "xinqiao",
        "新桥镇为民服务中心",
        calls.Select((c, i) => new BoardCall(c.Ticket, "w" + c.Counter[0], c.Counter, at.AddMinutes(-i), false)).ToList(),
        [
            new BoardQueue("social", "社保医保", "A", 12, 30),
            new BoardQueue("civil", "民政救助", "B", 3, 9),
            new BoardQueue("household", "户籍证照", "C", 0, 0),
            new BoardQueue("rural", "农业农村与综合", "D", 5, 14),
        ],
        at,
        42);

    /// <summary>A live state showing <paramref name="board"/> (connected, board received live).</summary>
    internal static BoardState Live(FakeTimeProvider time, BoardMessage board, bool highlight = false, DisplayOptions? options = null)
    {
        var state = State(time, options);
        state.SetConnected(true);
        state.ApplyBoard(board, retained: !highlight);
        return state;
    }

    internal static SKBitmap Render(BoardView view, DateTimeOffset now, int width = 1920, int height = 1080, DateTimeOffset? clock = null)
    {
        using var renderer = new BoardRenderer(width, height, Typeface);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        renderer.Render(canvas, view, now, clock);
        return bitmap;
    }

    internal static BoardLayout Layout(int width = 1920, int height = 1080) => BoardLayout.For(width, height);

    /// <summary>Pixels inside <paramref name="rect"/> close to <paramref name="color"/>.</summary>
    public static int Count(SKBitmap bitmap, SKRect rect, SKColor color, int tolerance = 24)
    {
        var n = 0;
        for (var y = (int)rect.Top; y < (int)rect.Bottom; y++)
        {
            for (var x = (int)rect.Left; x < (int)rect.Right; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - color.Red) <= tolerance && Math.Abs(p.Green - color.Green) <= tolerance && Math.Abs(p.Blue - color.Blue) <= tolerance)
                {
                    n++;
                }
            }
        }

        return n;
    }

    /// <summary>Pixels that differ between two bitmaps inside <paramref name="rect"/>.</summary>
    public static int Differences(SKBitmap a, SKBitmap b, SKRect rect) => Pixels.Differences(a, b, rect);

    /// <summary>
    /// Does <paramref name="frame"/> show <paramref name="ticket"/> as the current call? Compares the
    /// current-number region with a reference rendering of a board whose current call is that
    /// ticket: the glyphs must match pixel for pixel (same font, same layout).
    /// </summary>
    internal static bool ShowsCurrent(SKBitmap frame, string ticket, bool highlighted)
    {
        var time = Clock();
        var reference = Live(time, Board((ticket, "1号窗口")), highlight: highlighted);
        using var expected = Render(reference.Snapshot(), time.GetUtcNow(), frame.Width, frame.Height);
        var rect = Layout(frame.Width, frame.Height).CurrentNumber;
        return Differences(frame, expected, rect) == 0;
    }
}
