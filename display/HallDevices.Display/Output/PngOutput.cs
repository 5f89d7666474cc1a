using System.Globalization;
using System.Threading.Channels;
using HallDevices.Display.Hosting;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace HallDevices.Display.Output;

/// <summary>An encoded board frame, as served over HTTP and written to the snapshot folder.</summary>
/// <param name="Png">PNG bytes.</param>
/// <param name="Sequence">Encoded frames so far (1-based); the HTTP page reloads when it grows.</param>
/// <param name="Version">Board state version the frame shows.</param>
/// <param name="SnapshotPath">Numbered snapshot written for it, if any.</param>
internal sealed record PngFrame(byte[] Png, long Sequence, long Version, string? SnapshotPath);

/// <summary>
/// Encodes board frames to PNG on its own worker. PNG encoding takes tens of milliseconds at 1080p,
/// so the renderer only hands over a pixel copy and goes on; when frames come faster than they
/// encode, the waiting one is replaced by the newer (intermediate frames are dropped, the latest
/// state always gets out). Writes <c>board-latest.png</c> (atomically) and, for state changes, a
/// numbered <c>board-NNNN.png</c>; keeps the latest frame in memory for the HTTP page.
/// </summary>
internal sealed class PngOutput : BackgroundService
{
    // zlib level 1 encodes a 1080p board faster than the default 6, for a slightly larger file
    // (figures: docs/perf.md, display; bench/HallDevices.Display.Bench); it is off the live path anyway.
    private const int ZlibLevel = 1;

    private readonly Channel<Pending> _pending;
    private readonly string? _dir;
    private readonly int _keep;
    private readonly ILogger<PngOutput> _log;
    private readonly Lock _gate = new();
    private TaskCompletionSource<PngFrame> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PngFrame? _latest;
    private long _sequence;
    private long _snapshotNumber;
    private long _dropped;

    public PngOutput(IOptions<DisplayOptions> options, ILogger<PngOutput> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _log = log;
        _dir = string.IsNullOrWhiteSpace(options.Value.Board.SnapshotDir) ? null : options.Value.Board.SnapshotDir;
        _keep = options.Value.Board.SnapshotKeep;
        _pending = Channel.CreateBounded<Pending>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped =>
            {
                Interlocked.Increment(ref _dropped);
                dropped.Image.Dispose();
            });
        if (_dir is not null)
        {
            try
            {
                Directory.CreateDirectory(_dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DisplayStartupException($"Display:Board:SnapshotDir: cannot create '{_dir}' ({e.Message}).", e);
            }

            // Continue numbering after a restart instead of overwriting the morning's snapshots.
            _snapshotNumber = Directory.EnumerateFiles(_dir, "board-*.png")
                .Select(f => long.TryParse(Path.GetFileNameWithoutExtension(f).AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
                .DefaultIfEmpty(0)
                .Max();
        }
    }

    /// <summary>Frames replaced before they were encoded.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The newest encoded frame, if any.</summary>
    public PngFrame? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Hands a frame over for encoding; never blocks the caller.</summary>
    /// <param name="bitmap">The rendered frame; its pixels are copied.</param>
    /// <param name="version">Board state version it shows.</param>
    /// <param name="stateChanged">True when the board's content changed (numbered snapshot), false for a clock-only frame.</param>
    public void Offer(SKBitmap bitmap, long version, bool stateChanged)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        using var pixmap = bitmap.PeekPixels();
        var image = SKImage.FromPixelCopy(pixmap);
        if (!_pending.Writer.TryWrite(new Pending(image, version, stateChanged)))
        {
            image.Dispose();
        }
    }

    /// <summary>Waits for the first encoded frame with a sequence above <paramref name="after"/>.</summary>
    public async Task<PngFrame> NextAsync(long after, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<PngFrame> next;
            lock (_gate)
            {
                if (_latest is { } l && l.Sequence > after)
                {
                    return l;
                }

                next = _next.Task;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A dropped change frame loses only its numbered snapshot if the next one is a clock frame;
        // remember that a change is pending so the next encoded frame still gets numbered.
        var changePending = false;
        try
        {
            await foreach (var item in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                using var image = item.Image;
                changePending |= item.StateChanged;
                try
                {
                    Publish(Encode(image), item.Version, changePending);
                    changePending = false;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _log.LogWarning("Writing the board snapshot failed: {Reason}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal static byte[] Encode(SKImage image)
    {
        using var pixmap = image.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, ZlibLevel))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the board as PNG.");
        return data.ToArray();
    }

    private void Publish(byte[] png, long version, bool numbered)
    {
        string? snapshot = null;
        if (_dir is not null)
        {
            if (numbered)
            {
                var n = ++_snapshotNumber;
                snapshot = Path.Combine(_dir, $"board-{n:0000}.png");
                WriteAtomically(snapshot, png);
                var old = Path.Combine(_dir, $"board-{n - _keep:0000}.png");
                if (n > _keep && File.Exists(old))
                {
                    File.Delete(old);
                }
            }

            WriteAtomically(Path.Combine(_dir, "board-latest.png"), png);
        }

        TaskCompletionSource<PngFrame> done;
        PngFrame frame;
        lock (_gate)
        {
            frame = new PngFrame(png, ++_sequence, version, snapshot);
            _latest = frame;
            done = _next;
            _next = new TaskCompletionSource<PngFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult(frame);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        // Readers (a browser, a test, rsync) never see a half-written PNG.
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    private sealed record Pending(SKImage Image, long Version, bool StateChanged);
}
