using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Display.Board;
using HallDevices.Display.Hosting;
using HallDevices.Testing;
using SkiaSharp;

namespace HallDevices.DeviceSim.Tests;

/// <summary>
/// The TV board the display should show at the end of a demo, worked out from the event log and
/// the hall file alone, drawn by the display's own renderer (same font, same layout), and compared
/// with a snapshot region by region, pixel for pixel — how the display's board tests read frames.
/// </summary>
internal sealed class ExpectedBoard
{
    private const int Width = 1920;
    private const int Height = 1080;
    private static readonly Lazy<SKTypeface> Font = new(() => BoardFont.Load(BoardOptions.DefaultFont));

    private readonly BoardMessage _board;
    private readonly CatalogMessage _catalog;

    private ExpectedBoard(BoardMessage board, CatalogMessage catalog)
    {
        _board = board;
        _catalog = catalog;
    }

    /// <summary>Latest calls, newest first, as the server keeps them.</summary>
    public IReadOnlyList<BoardCall> Calls => _board.Calls!;

    public static BoardLayout Layout => BoardLayout.For(Width, Height);

    /// <summary>
    /// Replays the calls and recalls of <paramref name="events"/> as the server's board does (a
    /// recall moves the call back to the top, ten kept); every queue of the hall shows nobody waiting.
    /// </summary>
    public static ExpectedBoard FromEventLog(IReadOnlyList<JsonElement> events, string hallFile)
    {
        using var hall = JsonDocument.Parse(File.ReadAllText(hallFile));
        var root = hall.RootElement;
        var counters = root.GetProperty("counters").EnumerateArray()
            .Select(c => new CatalogCounterEntry(c.GetProperty("id").GetString()!, c.GetProperty("name").GetString()!, c.TryGetProperty("fallback", out var f) && f.GetBoolean(), []))
            .ToList();
        var calls = new List<BoardCall>();
        foreach (var e in events)
        {
            var type = e.GetProperty("type").GetString();
            if (type is not ("ticket-called" or "ticket-recalled"))
            {
                continue;
            }

            var ticket = e.GetProperty("number").GetString()!;
            var counter = e.GetProperty("counterId").GetString()!;
            calls.RemoveAll(c => c.Ticket == ticket && c.CounterId == counter);
            calls.Insert(0, new BoardCall(ticket, counter, counters.First(c => c.Id == counter).Name, e.GetProperty("at").GetDateTimeOffset(), type == "ticket-recalled"));
            if (calls.Count > 10)
            {
                calls.RemoveAt(10);
            }
        }

        var queues = root.GetProperty("queues").EnumerateArray()
            .Select(q => new BoardQueue(q.GetProperty("id").GetString()!, q.GetProperty("name").GetString()!, q.GetProperty("prefix").GetString()!, 0, 0))
            .ToList();
        var id = root.GetProperty("id").GetString()!;
        var name = root.GetProperty("name").GetString()!;
        var zone = root.TryGetProperty("timeZone", out var z) ? z.GetString()! : "Asia/Shanghai";
        return new ExpectedBoard(
            new BoardMessage(id, name, calls, queues, DateTimeOffset.UtcNow, 0),
            new CatalogMessage(id, name, zone, [], [], counters));
    }

    /// <summary>The same board with <paramref name="ticket"/> called last at the same window (to prove a wrong number is told apart).</summary>
    public ExpectedBoard WithCurrent(string ticket) =>
        new(_board with { Calls = [Calls[0] with { Ticket = ticket }, .. Calls.Skip(1)] }, _catalog);

    /// <summary>
    /// The current call panel (number and window, highlighted or not: the last call may still be
    /// highlighted when the demo ends) and the list of latest calls are exactly the expected ones.
    /// </summary>
    public bool ShowsCalls(SKBitmap snapshot)
    {
        using var plain = Render(highlighted: false, DateTimeOffset.UtcNow);
        using var highlighted = Render(highlighted: true, DateTimeOffset.UtcNow);
        var l = Layout;
        return (Pixels.Differences(snapshot, plain, l.CurrentPanel) == 0 || Pixels.Differences(snapshot, highlighted, l.CurrentPanel) == 0)
            && Pixels.Differences(snapshot, plain, l.RecentCalls) == 0;
    }

    /// <summary>The waiting block is exactly the expected one.</summary>
    public bool ShowsWaiting(SKBitmap snapshot)
    {
        using var plain = Render(highlighted: false, DateTimeOffset.UtcNow);
        return Pixels.Differences(snapshot, plain, Layout.Waiting) == 0;
    }

    /// <summary>The header (hall name, date, clock) is exactly the one drawn at hall time <paramref name="clock"/>.</summary>
    public bool ShowsClock(SKBitmap snapshot, DateTimeOffset clock)
    {
        using var expected = Render(highlighted: false, clock);
        return Pixels.Differences(snapshot, expected, Layout.Header) == 0;
    }

    private SKBitmap Render(bool highlighted, DateTimeOffset clock)
    {
        var options = new DisplayOptions();
        var state = new BoardState(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
        state.ApplyCatalog(_catalog);
        state.SetConnected(true);
        state.ApplyBoard(_board, retained: !highlighted);
        using var renderer = new BoardRenderer(Width, Height, Font.Value, options.Board.NoticeSpeed, options.Board.RecentCalls);
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Bgra8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        renderer.Render(canvas, state.Snapshot(), DateTimeOffset.UtcNow, clock);
        return bitmap;
    }
}
