using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.Hosting;

/// <summary>Configuration section <c>Display</c>; the key names are a contract (issue 6).</summary>
internal sealed class DisplayOptions
{
    public const string Section = "Display";

    /// <summary>Hall whose topics this display follows.</summary>
    public string HallId { get; set; } = "xinqiao";

    /// <summary>HTTP listen URLs of the board page, <c>;</c>-separated.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5082";

    public BoardOptions Board { get; set; } = new();

    public VoiceOptions Voice { get; set; } = new();

    public CounterDevices.BusOptions Bus { get; set; } = new();

    public CounterDevices.SignsOptions Signs { get; set; } = new();

    public CounterDevices.WindowTextOptions WindowText { get; set; } = new();
}

/// <summary><c>Display:Board:*</c>.</summary>
internal sealed class BoardOptions
{
    public const string DefaultFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    public int Width { get; set; } = 1920;

    public int Height { get; set; } = 1080;

    /// <summary>Framebuffer device, e.g. <c>/dev/fb0</c>; none when empty.</summary>
    public string? Framebuffer { get; set; }

    /// <summary>Where the framebuffer's geometry is read; <c>/sys/class/graphics/{fbN}</c> when empty.</summary>
    public string? FramebufferSysfs { get; set; }

    /// <summary>Folder for <c>board-latest.png</c> and numbered snapshots; none when empty.</summary>
    public string? SnapshotDir { get; set; }

    /// <summary>Numbered snapshots kept; older ones are deleted so a long day cannot fill the disk.</summary>
    public int SnapshotKeep { get; set; } = 500;

    /// <summary>CJK font file, loaded explicitly so no fontconfig fallback can turn Chinese into boxes.</summary>
    public string FontPath { get; set; } = DefaultFont;

    /// <summary>The scrolling notice line at the bottom; hidden when empty.</summary>
    public string Notice { get; set; } = "请携带本人身份证件，按叫号顺序到窗口办理业务。";

    /// <summary>Notice scroll speed in pixels per second at 1080p (scaled with the screen).</summary>
    public int NoticeSpeed { get; set; } = 120;

    /// <summary>Seconds a new call or recall stays highlighted.</summary>
    public int HighlightSeconds { get; set; } = 10;

    /// <summary>Animation frames per second (notice scrolling) sent to the framebuffer; 0 renders only on change and clock minute.</summary>
    public int FramesPerSecond { get; set; } = 10;

    /// <summary>Rows of latest calls shown.</summary>
    public int RecentCalls { get; set; } = 6;
}

/// <summary><c>Display:Voice:*</c>.</summary>
internal sealed class VoiceOptions
{
    public const string DefaultTemplate = "请{ticket}号到{window}办理";

    /// <summary><c>espeak-ng</c> or <c>none</c>.</summary>
    public string Engine { get; set; } = "espeak-ng";

    /// <summary>espeak-ng voice; <c>cmn</c> is Mandarin.</summary>
    public string VoiceName { get; set; } = "cmn";

    /// <summary>Speaking rate in words per minute (espeak-ng <c>-s</c>); slower than default for a noisy hall.</summary>
    public int Speed { get; set; } = 140;

    /// <summary>
    /// Announcement text. <c>{ticket}</c> and <c>{window}</c> are the spoken forms (ticket digits one
    /// by one, window numbers as numbers), <c>{number}</c> and <c>{counter}</c> the raw ones.
    /// </summary>
    public string Template { get; set; } = DefaultTemplate;

    /// <summary>Times the sentence is spoken after the chime.</summary>
    public int Repeat { get; set; } = 2;

    /// <summary>Silence between repetitions.</summary>
    public int PauseMilliseconds { get; set; } = 700;

    /// <summary>Write each announcement as a WAV file here instead of playing it.</summary>
    public string? OutDir { get; set; }

    /// <summary>Program that plays a WAV from standard input to the sound card.</summary>
    public string Player { get; set; } = "aplay";

    public bool Enabled => !string.Equals(Engine, "none", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Start-up checks with the offending key named in every message.</summary>
internal sealed partial class DisplayOptionsValidator : IValidateOptions<DisplayOptions>
{
    public ValidateOptionsResult Validate(string? name, DisplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.HallId) || !HallIdPattern().IsMatch(options.HallId))
        {
            errors.Add($"Display:HallId must be letters, digits, '-' or '_' (was '{options.HallId}').");
        }

        var b = options.Board;
        if (b.Width is < 320 or > 7680 || b.Height is < 240 or > 7680)
        {
            errors.Add($"Display:Board:Width/Height must be 320..7680 × 240..7680 (was {b.Width}×{b.Height}).");
        }

        if (b.HighlightSeconds is < 0 or > 600)
        {
            errors.Add("Display:Board:HighlightSeconds must be 0..600.");
        }

        if (b.FramesPerSecond is < 0 or > 60)
        {
            errors.Add("Display:Board:FramesPerSecond must be 0..60.");
        }

        if (b.RecentCalls is < 1 or > 20)
        {
            errors.Add("Display:Board:RecentCalls must be 1..20.");
        }

        if (b.SnapshotKeep < 1)
        {
            errors.Add("Display:Board:SnapshotKeep must be at least 1.");
        }

        var v = options.Voice;
        if (!v.Enabled && !string.Equals(v.Engine, "none", StringComparison.Ordinal)
            || v.Enabled && !string.Equals(v.Engine, "espeak-ng", StringComparison.Ordinal))
        {
            errors.Add($"Display:Voice:Engine must be 'espeak-ng' or 'none' (was '{v.Engine}').");
        }

        if (!v.Template.Contains("{ticket}", StringComparison.Ordinal) && !v.Template.Contains("{number}", StringComparison.Ordinal))
        {
            errors.Add("Display:Voice:Template must contain {ticket} (or {number}).");
        }

        if (v.Repeat is < 1 or > 5)
        {
            errors.Add("Display:Voice:Repeat must be 1..5.");
        }

        if (v.PauseMilliseconds is < 0 or > 10_000 || v.Speed is < 80 or > 450)
        {
            errors.Add("Display:Voice:PauseMilliseconds must be 0..10000 and Display:Voice:Speed 80..450.");
        }

        CounterDevices.WindowOptionsValidation.Validate(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex HallIdPattern();
}

/// <summary>A start-up problem the operator must fix (missing font, unusable framebuffer).</summary>
internal sealed class DisplayStartupException(string message, Exception? inner = null) : Exception(message, inner);
