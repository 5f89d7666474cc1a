using System.Diagnostics;
using HallDevices.Display.Hosting;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.Voice;

/// <summary>Turns a sentence into audio.</summary>
internal interface ISpeechEngine
{
    /// <summary>Null when the engine is usable; otherwise why not (reported at start-up).</summary>
    string? Problem { get; }

    Task<Pcm> SynthesizeAsync(string text, CancellationToken cancellationToken);
}

/// <summary>Plays or stores a finished announcement; returns when it has been fully played.</summary>
internal interface IAudioSink
{
    string? Problem { get; }

    Task PlayAsync(Pcm audio, Announcement announcement, CancellationToken cancellationToken);
}

/// <summary>Offline TTS with espeak-ng (Debian package <c>espeak-ng</c>, Mandarin voice <c>cmn</c>).</summary>
internal sealed class EspeakEngine(IOptions<DisplayOptions> options, string executable = "espeak-ng") : ISpeechEngine
{
    private readonly VoiceOptions _voice = options.Value.Voice;
    private readonly string? _path = Executables.Find(executable);

    public string? Problem => _path is null ? "espeak-ng is not installed (Debian: apt-get install espeak-ng)" : null;

    public async Task<Pcm> SynthesizeAsync(string text, CancellationToken cancellationToken)
    {
        if (_path is null)
        {
            throw new InvalidOperationException(Problem);
        }

        var psi = new ProcessStartInfo(_path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-v", _voice.VoiceName, "-s", _voice.Speed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stdout", "--", text })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("espeak-ng did not start.");
        using var wav = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.BaseStream.CopyToAsync(wav, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"espeak-ng failed with {process.ExitCode}: {await stderr}");
        }

        return Wav.Read(wav.ToArray());
    }
}

/// <summary>Simulation output: each announcement becomes <c>announce-NNNN-{ticket}.wav</c> in <c>Display:Voice:OutDir</c>.</summary>
internal sealed class WavFileSink : IAudioSink
{
    private readonly string _dir;
    private long _number;

    public WavFileSink(IOptions<DisplayOptions> options)
    {
        _dir = options.Value.Voice.OutDir ?? throw new InvalidOperationException("Display:Voice:OutDir is not set.");
        Directory.CreateDirectory(_dir);
        _number = Directory.EnumerateFiles(_dir, "announce-*.wav").Count();
    }

    public string? Problem => null;

    public async Task PlayAsync(Pcm audio, Announcement announcement, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_dir, $"announce-{Interlocked.Increment(ref _number):0000}-{announcement.Ticket}.wav");
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, Wav.Write(audio), cancellationToken);
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>Sound card output through a player reading WAV on stdin (<c>aplay</c> from alsa-utils by default); waits until playback ends so announcements never overlap.</summary>
internal sealed class PlayerSink(IOptions<DisplayOptions> options) : IAudioSink
{
    private readonly string _player = options.Value.Voice.Player;
    private readonly string? _path = Executables.Find(options.Value.Voice.Player);

    public string? Problem => _path is null ? $"the audio player '{_player}' is not installed (Debian: apt-get install alsa-utils), or set Display:Voice:OutDir" : null;

    public async Task PlayAsync(Pcm audio, Announcement announcement, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(_path ?? _player) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-q");
        psi.ArgumentList.Add("-");
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{_player} did not start.");
        await process.StandardInput.BaseStream.WriteAsync(Wav.Write(audio), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{_player} failed with {process.ExitCode}: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
        }
    }
}

internal static class Executables
{
    /// <summary>Full path of a program on PATH (or an absolute path that exists), else null.</summary>
    public static string? Find(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }
}
