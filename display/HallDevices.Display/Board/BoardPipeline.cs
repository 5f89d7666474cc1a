using HallDevices.Display.Output;
using SkiaSharp;

namespace HallDevices.Display.Board;

/// <summary>Why a frame was drawn.</summary>
internal enum FrameKind
{
    /// <summary>The board's content changed (message, connection, highlight on or off).</summary>
    Change,

    /// <summary>Only the clock's minute moved.</summary>
    Clock,

    /// <summary>Notice scrolling only; goes to the framebuffer alone.</summary>
    Animation,
}

/// <summary>A frame that reached the live outputs.</summary>
/// <param name="Version">Board state version drawn.</param>
/// <param name="Kind">Why it was drawn.</param>
/// <param name="Timestamp">TimeProvider timestamp when the live output (framebuffer) had it.</param>
internal readonly record struct FrameInfo(long Version, FrameKind Kind, long Timestamp);

/// <summary>
/// One frame from state to outputs: snapshot the state, draw it, write the framebuffer at once
/// (the live screen), then hand a copy to the PNG worker (snapshots, HTTP) without waiting for it.
/// </summary>
internal sealed class BoardPipeline : IDisposable
{
    private readonly BoardState _state;
    private readonly BoardRenderer _renderer;
    private readonly FramebufferWriter? _framebuffer;
    private readonly PngOutput? _png;
    private readonly TimeProvider _time;
    private readonly TimeProvider _hallTime;
    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;
    private long _lastVersion = -1;
    private bool _lastHighlighted;
    private long _lastMinute = -1;

    /// <param name="state">What to draw.</param>
    /// <param name="renderer">How to draw it.</param>
    /// <param name="framebuffer">The live screen, if any.</param>
    /// <param name="png">Snapshots and HTTP, if any.</param>
    /// <param name="time">Real time: highlights and the notice scroll are for people watching.</param>
    /// <param name="hallTime">The hall's clock shown in the header (accelerated in the simulated hall); <paramref name="time"/> when not given.</param>
    public BoardPipeline(BoardState state, BoardRenderer renderer, FramebufferWriter? framebuffer, PngOutput? png, TimeProvider time, TimeProvider? hallTime = null)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        _state = state;
        _renderer = renderer;
        _framebuffer = framebuffer;
        _png = png;
        _time = time;
        _hallTime = hallTime ?? time;
        _bitmap = new SKBitmap(new SKImageInfo(renderer.Width, renderer.Height, SKColorType.Bgra8888, SKAlphaType.Premul));
        _canvas = new SKCanvas(_bitmap);
    }

    /// <summary>Raised after each frame reached the live output.</summary>
    public event Action<FrameInfo>? FrameRendered;

    /// <summary>The last frame drawn (for tests).</summary>
    public SKBitmap Bitmap => _bitmap;

    /// <summary>True when animation frames have somewhere to go.</summary>
    public bool HasLiveOutput => _framebuffer is not null;

    /// <summary>Draws and outputs one frame for now; returns why it was drawn, or null when nothing visible changed and there is no live output to animate.</summary>
    public FrameKind? Frame()
    {
        var now = _time.GetUtcNow();
        var clock = _hallTime.GetUtcNow();
        var view = _state.Snapshot();
        var highlighted = view.IsHighlighted(now);
        var minute = clock.ToUnixTimeSeconds() / 60;
        FrameKind kind;
        if (view.Version != _lastVersion || highlighted != _lastHighlighted)
        {
            kind = FrameKind.Change;
        }
        else if (minute != _lastMinute)
        {
            kind = FrameKind.Clock;
        }
        else if (_framebuffer is not null)
        {
            kind = FrameKind.Animation;
        }
        else
        {
            return null;
        }

        _lastVersion = view.Version;
        _lastHighlighted = highlighted;
        _lastMinute = minute;
        _renderer.Render(_canvas, view, now, clock);
        _canvas.Flush();
        _framebuffer?.Write(_bitmap);
        FrameRendered?.Invoke(new FrameInfo(view.Version, kind, _time.GetTimestamp()));
        if (kind != FrameKind.Animation)
        {
            _png?.Offer(_bitmap, view.Version, kind == FrameKind.Change);
        }

        return kind;
    }

    /// <summary>The hall's clock, whose timers say when the header's minute turns.</summary>
    public TimeProvider HallTime => _hallTime;

    /// <summary>When a highlight shown at <paramref name="now"/> (real time) ends, if one is.</summary>
    public DateTimeOffset? HighlightEnds(DateTimeOffset now)
    {
        var view = _state.Snapshot();
        return view.IsHighlighted(now) ? view.HighlightUntil : null;
    }

    /// <summary>Hall time until the header clock's next minute.</summary>
    public TimeSpan UntilNextMinute()
    {
        var clock = _hallTime.GetUtcNow();
        return DateTimeOffset.FromUnixTimeSeconds(((clock.ToUnixTimeSeconds() / 60) + 1) * 60) - clock;
    }

    public void Dispose()
    {
        _canvas.Dispose();
        _bitmap.Dispose();
    }
}
