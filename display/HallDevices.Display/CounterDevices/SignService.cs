using System.Device.Gpio;
using System.Device.Spi;
using HallDevices.Devices.Imaging;
using HallDevices.Devices.Signs;
using HallDevices.Display.Hosting;
using Iot.Device.Max7219;
using Iot.Device.Tm16xx;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace HallDevices.Display.CounterDevices;

/// <summary>
/// LED signs wired straight to the controller (<c>Display:Signs</c>): MAX7219 matrix chains on SPI
/// and TM1637 digit modules on two GPIO pins, each showing its counter's state. They draw only when
/// the state changes (a matrix keeps scrolling text wider than itself until then). In
/// <c>simulated</c> mode the chips are the library's recording fakes, decoded back into pixels and
/// drawn to <c>sign-{counter}-{kind}.png</c>: what a person would see, from what the chip was told.
/// </summary>
internal sealed partial class SignService(IOptions<DisplayOptions> options, WindowStates states, TimeProvider time, ILogger<SignService> log) : BackgroundService
{
    private readonly SignsOptions _options = options.Value.Signs;
    private readonly WindowText _text = new(options.Value.WindowText);
    private readonly string? _outDir = string.IsNullOrWhiteSpace(options.Value.Signs.OutDir) ? options.Value.Board.SnapshotDir : options.Value.Signs.OutDir;
    private readonly List<Sign> _signs = [];

    /// <summary>The signs, once started (for /health and tests).</summary>
    public IReadOnlyList<Sign> Signs => _signs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Devices.Count == 0)
        {
            return;
        }

        using var renderer = _options.Devices.Any(d => d.Kind == "max7219") ? new SignTextRenderer(_options.FontPath) : null;
        foreach (var o in _options.Devices)
        {
            try
            {
                _signs.Add(o.Kind == "max7219" ? OpenMatrix(o) : OpenDigits(o));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or InvalidOperationException or ArgumentException)
            {
                // A missing SPI/GPIO device is the installer's to fix; the other signs and the board keep working.
                LogOpenFailed(o.Kind, o.Counter, e.Message);
            }
        }

        LogStarted(_signs.Count, _options.Mode);
        try
        {
            await Task.WhenAll(_signs.Select(s => Task.Run(() => RunAsync(s, renderer, stoppingToken), stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var s in _signs)
            {
                s.Dispose();
            }
        }
    }

    private async Task RunAsync(Sign sign, SignTextRenderer? renderer, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var version = states.Version;
            var state = states.Get(sign.Counter);
            var change = states.WaitForChangeAsync(version, ct);
            if (sign.Digits is { } digits)
            {
                var text = WindowText.Digits(state);
                if (text != sign.Shown)
                {
                    if (text.Length == 0)
                    {
                        digits.Clear();
                    }
                    else
                    {
                        digits.Show(text);
                    }

                    sign.Showed(text);
                    WritePicture(sign);
                }

                await change;
                continue;
            }

            var matrix = sign.Matrix!;
            var line = sign.Options.Content == "full" ? _text.Strip(state) : WindowText.Short(state);
            if (line == sign.Shown)
            {
                await change;
                continue;
            }

            var bitmap = line.Length == 0 ? new MonoBitmap(matrix.Width, MatrixSign.Height) : renderer!.Render(line, MatrixSign.Height);
            if (bitmap.Width <= matrix.Width)
            {
                matrix.Show(bitmap, -((matrix.Width - bitmap.Width) / 2));
                sign.Showed(line);
                WritePicture(sign);
                await change;
                continue;
            }

            // Wider than the sign: scroll it across again and again until the state changes.
            sign.Showed(line);
            WritePicture(sign, bitmap);
            using var scrolling = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var step = TimeSpan.FromMilliseconds(_options.ScrollStepMilliseconds);
            var scroll = Task.Run(
                async () =>
                {
                    while (!scrolling.IsCancellationRequested)
                    {
                        await matrix.ShowOrScrollAsync(bitmap, step, time, scrolling.Token);
                    }
                },
                CancellationToken.None);
            await Task.WhenAny(change, scroll);
            await scrolling.CancelAsync();
            await scroll.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ct.ThrowIfCancellationRequested();
        }
    }

    private Sign OpenMatrix(SignOptions o)
    {
        SpiDevice spi;
        Max7219ChainModel? model = null;
        if (_options.Simulated)
        {
            var recording = new RecordingSpiDevice();
            var chain = new Max7219ChainModel(o.Modules);
            recording.Written += (_, write) => chain.Apply(write);
            spi = recording;
            model = chain;
        }
        else
        {
            spi = SpiDevice.Create(new SpiConnectionSettings(o.SpiBus, o.ChipSelect) { ClockFrequency = Max7219.SpiClockFrequency, Mode = Max7219.SpiMode });
        }

        var chip = new Max7219(spi, o.Modules);
        chip.Init();
        chip.Brightness(o.Brightness);
        return new Sign(o, new MatrixSign(chip), null, model, null, [chip, spi]);
    }

    private Sign OpenDigits(SignOptions o)
    {
        GpioController controller;
        Tm1637Model? model = null;
        if (_options.Simulated)
        {
            var driver = new RecordingGpioDriver();
            model = new Tm1637Model(driver, o.ClkPin, o.DioPin);
            controller = new GpioController(driver);
        }
        else
        {
            controller = new GpioController();
        }

        var chip = new Tm1637(o.ClkPin, o.DioPin, controller, shouldDispose: false);
        var display = new NumberDisplay(chip);
        display.SetBrightness((byte)o.Brightness);
        display.Clear();
        return new Sign(o, null, display, null, model, [chip, controller]);
    }

    private void WritePicture(Sign sign, MonoBitmap? wholeLine = null)
    {
        if (!_options.Simulated || string.IsNullOrWhiteSpace(_outDir))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(_outDir);
            var path = Path.Combine(_outDir, $"sign-{sign.Counter}-{sign.Options.Kind}.png");
            using var image = sign.MatrixModel is { } chain
                ? SignPictures.Dots(wholeLine ?? chain.ToBitmap())
                : SignPictures.Segments(sign.DigitsModel!);
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            var temp = path + ".tmp";
            using (var file = File.Create(temp))
            {
                data.SaveTo(file);
            }

            File.Move(temp, path, overwrite: true);
            sign.PicturePath = path;
        }
        catch (IOException e)
        {
            LogPictureFailed(sign.Counter, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} window signs running ({Mode})")]
    private partial void LogStarted(int count, string mode);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} sign of {Counter} could not be opened: {Reason}")]
    private partial void LogOpenFailed(string kind, string counter, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulated sign of {Counter} could not be written: {Reason}")]
    private partial void LogPictureFailed(string counter, string reason);
}

/// <summary>One sign: its chip wrapper, and in simulated mode the model that decodes what the chip was told.</summary>
internal sealed class Sign(SignOptions options, MatrixSign? matrix, NumberDisplay? digits, Max7219ChainModel? matrixModel, Tm1637Model? digitsModel, IDisposable[] owned) : IDisposable
{
    private TaskCompletionSource _shown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SignOptions Options { get; } = options;

    public string Counter => Options.Counter;

    public MatrixSign? Matrix { get; } = matrix;

    public NumberDisplay? Digits { get; } = digits;

    public Max7219ChainModel? MatrixModel { get; } = matrixModel;

    public Tm1637Model? DigitsModel { get; } = digitsModel;

    /// <summary>The text last shown (null before the first).</summary>
    public string? Shown { get; private set; }

    public string? PicturePath { get; set; }

    /// <summary>Completes at the next change of what the sign shows.</summary>
    public Task NextShownAsync => Volatile.Read(ref _shown).Task;

    public void Showed(string text)
    {
        Shown = text;
        Interlocked.Exchange(ref _shown, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public void Dispose()
    {
        foreach (var o in owned)
        {
            o.Dispose();
        }
    }
}

/// <summary>Pictures of simulated signs: lit LED dots for a matrix, lit segments for digits.</summary>
internal static class SignPictures
{
    public static readonly SKColor Lit = new(255, 40, 20);
    private static readonly SKColor Off = new(40, 10, 10);

    public static SKBitmap Dots(MonoBitmap pixels, int dot = 8)
    {
        var image = new SKBitmap((pixels.Width + 2) * dot, (pixels.Height + 2) * dot);
        using var canvas = new SKCanvas(image);
        using var on = new SKPaint { Color = Lit, IsAntialias = true };
        using var off = new SKPaint { Color = Off, IsAntialias = true };
        canvas.Clear(SKColors.Black);
        for (var y = 0; y < pixels.Height; y++)
        {
            for (var x = 0; x < pixels.Width; x++)
            {
                canvas.DrawCircle(((x + 1) * dot) + (dot / 2f), ((y + 1) * dot) + (dot / 2f), dot * 0.42f, pixels[x, y] ? on : off);
            }
        }

        return image;
    }

    /// <summary>Four 7-segment digits from the chip's registers (bit 0 = a … bit 6 = g).</summary>
    public static SKBitmap Segments(Tm1637Model model)
    {
        const int w = 60, h = 100, t = 10, pad = 20;
        var image = new SKBitmap((4 * (w + pad)) + pad, h + (2 * pad));
        using var canvas = new SKCanvas(image);
        using var on = new SKPaint { Color = Lit };
        using var off = new SKPaint { Color = Off };
        canvas.Clear(SKColors.Black);
        for (var digit = 0; digit < 4; digit++)
        {
            var x = pad + (digit * (w + pad));
            var y = pad;
            var bits = model.On ? model.Registers[digit] : 0;
            SKRect[] segments =
            [
                new(x + t, y, x + w - t, y + t),                                   // a
                new(x + w - t, y + t, x + w, y + (h / 2)),                          // b
                new(x + w - t, y + (h / 2), x + w, y + h - t),                      // c
                new(x + t, y + h - t, x + w - t, y + h),                            // d
                new(x, y + (h / 2), x + t, y + h - t),                              // e
                new(x, y + t, x + t, y + (h / 2)),                                  // f
                new(x + t, y + (h / 2) - (t / 2), x + w - t, y + (h / 2) + (t / 2)), // g
            ];
            for (var s = 0; s < segments.Length; s++)
            {
                canvas.DrawRect(segments[s], (bits & (1 << s)) != 0 ? on : off);
            }
        }

        return image;
    }
}
