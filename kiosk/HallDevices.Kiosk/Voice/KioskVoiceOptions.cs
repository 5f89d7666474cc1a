using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Voice;

/// <summary>Configuration section <c>Kiosk:Voice</c>: the read-aloud through the kiosk's speaker.</summary>
public sealed class KioskVoiceOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Kiosk:Voice";

    /// <summary>False: the kiosk never speaks and nothing is checked.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// espeak-ng: a program name looked up on PATH (default; missing → a warning, the kiosk stays
    /// silent) or a path to the program (missing → start-up error, it is a typo in the configuration).
    /// </summary>
    public string Engine { get; set; } = "espeak-ng";

    /// <summary>espeak-ng voice for Chinese; <c>cmn</c> is Mandarin, as on the display.</summary>
    public string ChineseVoice { get; set; } = "cmn";

    /// <summary>espeak-ng voice for the English switch.</summary>
    public string EnglishVoice { get; set; } = "en";

    /// <summary>Words per minute (espeak-ng <c>-s</c>); the display's 140, slower than espeak-ng's 175 for older citizens.</summary>
    public int Speed { get; set; } = 140;

    /// <summary>Program that plays a WAV from standard input (<c>player -q -</c>); name on PATH or a path, as <see cref="Engine"/>.</summary>
    public string Player { get; set; } = "aplay";

    /// <summary>Write each utterance as <c>say-NNNN-{zh|en}.wav</c> here instead of playing it (tests, the demo).</summary>
    public string? OutDir { get; set; }
}

/// <summary>Start-up checks of <c>Kiosk:Voice</c>, each message naming its key.</summary>
public sealed partial class KioskVoiceOptionsValidator : IValidateOptions<KioskVoiceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KioskVoiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (options.Speed is < 80 or > 450)
        {
            errors.Add($"Kiosk:Voice:Speed must be 80..450 words per minute (was {options.Speed}).");
        }

        foreach (var (key, voice) in new[] { ("ChineseVoice", options.ChineseVoice), ("EnglishVoice", options.EnglishVoice) })
        {
            if (string.IsNullOrEmpty(voice) || !VoicePattern().IsMatch(voice))
            {
                errors.Add($"Kiosk:Voice:{key} must be an espeak-ng voice name such as 'cmn' or 'en' (was '{voice}').");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Engine))
        {
            errors.Add("Kiosk:Voice:Engine must name espeak-ng (default 'espeak-ng'), or set Kiosk:Voice:Enabled=false.");
        }
        else if (IsPath(options.Engine) && !File.Exists(options.Engine))
        {
            errors.Add($"Kiosk:Voice:Engine: espeak-ng was not found at '{options.Engine}' (Debian: apt-get install espeak-ng, then leave the key at 'espeak-ng'), or set Kiosk:Voice:Enabled=false.");
        }

        if (!string.IsNullOrWhiteSpace(options.OutDir))
        {
            try
            {
                Directory.CreateDirectory(options.OutDir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                errors.Add($"Kiosk:Voice:OutDir '{options.OutDir}' cannot be created: {e.Message}");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.Player))
        {
            errors.Add("Kiosk:Voice:Player must name the WAV player (default 'aplay'), or set Kiosk:Voice:OutDir.");
        }
        else if (IsPath(options.Player) && !File.Exists(options.Player))
        {
            errors.Add($"Kiosk:Voice:Player: '{options.Player}' does not exist (Debian: apt-get install alsa-utils, then leave the key at 'aplay'), or set Kiosk:Voice:OutDir.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsPath(string program) => program.Contains('/', StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9_+-]+$")]
    private static partial Regex VoicePattern();
}
