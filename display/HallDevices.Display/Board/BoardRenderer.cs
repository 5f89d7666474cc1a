using System.Globalization;
using SkiaSharp;

namespace HallDevices.Display.Board;

/// <summary>
/// Draws a <see cref="BoardView"/> with SkiaSharp. Paints and fonts are created once: a frame
/// allocates only the few strings it formats, so a 1080p frame stays around a millisecond.
/// </summary>
internal sealed class BoardRenderer : IDisposable
{
    public static readonly SKColor Background = new(0x0B, 0x1F, 0x3A);
    public static readonly SKColor PanelNormal = new(0x16, 0x40, 0x6F);
    public static readonly SKColor PanelHighlight = new(0xC6, 0x28, 0x28);
    public static readonly SKColor NumberNormal = new(0xFF, 0xD5, 0x4F);
    public static readonly SKColor NumberHighlight = new(0xFF, 0xFF, 0xFF);
    public static readonly SKColor HeaderLive = new(0x12, 0x32, 0x5C);
    public static readonly SKColor HeaderOffline = new(0xB7, 0x1C, 0x1C);
    public static readonly SKColor HeaderWaiting = new(0x42, 0x42, 0x42);

    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly string[] Weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    private readonly SKTypeface _typeface;
    private readonly float _noticeSpeed;
    private readonly int _recentRows;
    private readonly SKPaint _fill = new() { IsAntialias = true };
    private readonly SKPaint _text = new() { IsAntialias = true };
    private readonly SKFont _title;
    private readonly SKFont _clock;
    private readonly SKFont _small;
    private readonly SKFont _label;
    private readonly SKFont _row;
    private readonly SKFont _counter;
    private readonly SKFont _number;
    private readonly SKFont _notice;

    public BoardRenderer(int width, int height, SKTypeface typeface, float noticeSpeed = 120, int recentRows = 6)
    {
        ArgumentNullException.ThrowIfNull(typeface);
        Layout = BoardLayout.For(width, height);
        _typeface = typeface;
        _noticeSpeed = noticeSpeed;
        _recentRows = recentRows;
        var s = Layout.Scale;
        _title = Font(56 * s);
        _clock = Font(64 * s);
        _small = Font(32 * s);
        _label = Font(44 * s);
        _row = Font(46 * s);
        _counter = Font(84 * s);
        _number = Font(Layout.CurrentNumber.Height * 0.85f);
        _notice = Font(44 * s);
    }

    public BoardLayout Layout { get; }

    public int Width => Layout.Width;

    public int Height => Layout.Height;

    /// <summary>Draws the whole board for the moment <paramref name="now"/> (highlight expiry, notice position) with the header clock at <paramref name="clock"/> (the hall's time; <paramref name="now"/> when not given).</summary>
    public void Render(SKCanvas canvas, BoardView view, DateTimeOffset now, DateTimeOffset? clock = null)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(view);
        var l = Layout;
        var s = l.Scale;
        var local = TimeZoneInfo.ConvertTime(clock ?? now, view.TimeZone);
        canvas.Clear(Background);

        DrawHeader(canvas, view, local);

        // Current call, large; highlighted for a while after a call or recall.
        var current = view.Current;
        var highlighted = view.IsHighlighted(now);
        Fill(canvas, l.CurrentPanel, highlighted ? PanelHighlight : PanelNormal, 24 * s);
        Text(canvas, "正在呼叫  Now calling", l.CurrentPanel.Left + (40 * s), l.CurrentPanel.Top + (70 * s), _label, SKColors.White.WithAlpha(220));
        if (current is not null)
        {
            FitNumber(current.Ticket, l.CurrentNumber.Width);
            var baseline = l.CurrentNumber.MidY + (_number.Size * 0.36f);
            Text(canvas, current.Ticket, l.CurrentNumber.MidX, baseline, _number, highlighted ? NumberHighlight : NumberNormal, SKTextAlign.Center);
            Text(canvas, $"请到 {current.CounterName} 办理", l.CurrentCounter.MidX, l.CurrentCounter.MidY + (_counter.Size * 0.36f), _counter, SKColors.White, SKTextAlign.Center);
        }
        else
        {
            Text(canvas, "暂无呼叫", l.CurrentNumber.MidX, l.CurrentNumber.MidY + (_counter.Size * 0.36f), _counter, SKColors.White.WithAlpha(160), SKTextAlign.Center);
        }

        // Latest calls: number → window.
        var r = l.RecentCalls;
        Text(canvas, "最近呼叫", r.Left, r.Top + (44 * s), _label, NumberNormal);
        var rowHeight = 64 * s;
        var y = r.Top + (44 * s) + rowHeight;
        for (var i = 0; i < view.Calls.Count && i < _recentRows && y <= r.Bottom; i++, y += rowHeight)
        {
            var call = view.Calls[i];
            Text(canvas, call.Ticket, r.Left + (10 * s), y, _row, SKColors.White);
            Text(canvas, "→", r.Left + (230 * s), y, _row, SKColors.White.WithAlpha(150));
            Text(canvas, call.CounterName, r.Right - (10 * s), y, _row, SKColors.White, SKTextAlign.Right);
        }

        // Waiting per queue.
        var w = l.Waiting;
        Text(canvas, "等候人数", w.Left, w.Top + (44 * s), _label, NumberNormal);
        y = w.Top + (44 * s) + rowHeight;
        foreach (var q in view.Queues)
        {
            if (y > w.Bottom)
            {
                break;
            }

            Text(canvas, $"{q.Prefix}  {q.Name}", w.Left + (10 * s), y, _row, SKColors.White);
            Text(canvas, $"{q.Waiting} 人", w.Right - (10 * s), y, _row, SKColors.White, SKTextAlign.Right);
            y += rowHeight;
        }

        // Stale information must not look live: dim everything below the header.
        if (view.Link != LinkState.Live)
        {
            _fill.Color = SKColors.Black.WithAlpha(150);
            canvas.DrawRect(new SKRect(0, l.Header.Bottom, l.Width, l.Notice.Top), _fill);
        }

        DrawNotice(canvas, view, now);
    }

    public void Dispose()
    {
        _fill.Dispose();
        _text.Dispose();
        foreach (var f in new[] { _title, _clock, _small, _label, _row, _counter, _number, _notice })
        {
            f.Dispose();
        }
    }

    private void DrawHeader(SKCanvas canvas, BoardView view, DateTimeOffset local)
    {
        var h = Layout.Header;
        var s = Layout.Scale;
        var baseline = h.MidY + (_title.Size * 0.36f);
        _fill.Color = view.Link switch
        {
            LinkState.Live => HeaderLive,
            LinkState.Offline => HeaderOffline,
            _ => HeaderWaiting,
        };
        canvas.DrawRect(h, _fill);
        var clock = local.ToString("HH:mm", Zh);
        Text(canvas, clock, h.Right - (40 * s), h.MidY + (_clock.Size * 0.36f), _clock, SKColors.White, SKTextAlign.Right);
        var clockWidth = _clock.MeasureText(clock);
        var date = $"{local.Month}月{local.Day}日 {Weekdays[(int)local.DayOfWeek]}";
        Text(canvas, date, h.Right - (70 * s) - clockWidth, h.MidY + (_small.Size * 0.36f), _small, SKColors.White.WithAlpha(210), SKTextAlign.Right);

        var title = view.Link switch
        {
            LinkState.Live => view.HallName,
            LinkState.Offline => view.LastGoodAt is { } at
                ? $"！与服务器连接中断  最后更新 {TimeZoneInfo.ConvertTime(at, view.TimeZone).ToString("HH:mm:ss", Zh)}  以下信息可能不是最新"
                : "！无法连接服务器  尚未收到叫号信息",
            _ => "正在连接服务器…",
        };
        var maxWidth = h.Width - (120 * s) - clockWidth - _small.MeasureText(date);
        var font = _title;
        if (Layout.Portrait || view.Link == LinkState.Offline)
        {
            // The offline sentence is long: shrink it to fit instead of running under the clock.
            font = _label;
        }

        Text(canvas, Ellipsize(title, font, maxWidth), h.Left + (40 * s), font == _title ? baseline : h.MidY + (font.Size * 0.36f), font, SKColors.White);
    }

    private void DrawNotice(SKCanvas canvas, BoardView view, DateTimeOffset now)
    {
        var n = Layout.Notice;
        _fill.Color = new SKColor(0x06, 0x12, 0x24);
        canvas.DrawRect(n, _fill);
        if (string.IsNullOrEmpty(view.Notice))
        {
            return;
        }

        // Position is a function of time only, so any frame rate scrolls at the same speed.
        var textWidth = _notice.MeasureText(view.Notice);
        var span = n.Width + textWidth;
        var travelled = (float)(now.ToUnixTimeMilliseconds() / 1000.0 * _noticeSpeed * Layout.Scale % span);
        canvas.Save();
        canvas.ClipRect(n);
        Text(canvas, view.Notice, n.Right - travelled, n.MidY + (_notice.Size * 0.36f), _notice, SKColors.White.WithAlpha(230));
        canvas.Restore();
    }

    private void FitNumber(string text, float maxWidth)
    {
        // Long numbers (A1000, two-letter prefixes) shrink to fit the panel rather than clip.
        var size = Layout.CurrentNumber.Height * 0.85f;
        _number.Size = size;
        var width = _number.MeasureText(text);
        if (width > maxWidth * 0.95f)
        {
            _number.Size = size * maxWidth * 0.95f / width;
        }
    }

    private static string Ellipsize(string text, SKFont font, float maxWidth)
    {
        if (maxWidth <= 0 || font.MeasureText(text) <= maxWidth)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 1 && font.MeasureText(text.AsSpan(0, cut)) + font.MeasureText("…") > maxWidth)
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private void Text(SKCanvas canvas, string text, float x, float y, SKFont font, SKColor color, SKTextAlign align = SKTextAlign.Left)
    {
        _text.Color = color;
        canvas.DrawText(text, x, y, align, font, _text);
    }

    private void Fill(SKCanvas canvas, SKRect rect, SKColor color, float radius)
    {
        _fill.Color = color;
        canvas.DrawRoundRect(rect, radius, radius, _fill);
    }

    private SKFont Font(float size) => new(_typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
}
