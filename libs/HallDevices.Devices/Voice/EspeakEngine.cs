using System.Diagnostics;
using System.Globalization;

namespace HallDevices.Devices.Voice;

/// <summary>Offline TTS with espeak-ng (Debian package <c>espeak-ng</c>; voice <c>cmn</c> is Mandarin, <c>en</c> English).</summary>
public sealed class EspeakEngine : ISpeechEngine
{
    private readonly string? _path;

    /// <summary>An engine speaking <paramref name="voice"/> at <paramref name="speed"/> words per minute.</summary>
    /// <param name="voice">espeak-ng voice (<c>-v</c>).</param>
    /// <param name="speed">Words per minute (<c>-s</c>).</param>
    /// <param name="executable">Program name looked up on PATH, or a path to the program.</param>
    public EspeakEngine(string voice = "cmn", int speed = 140, string executable = "espeak-ng")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(voice);
        ArgumentException.ThrowIfNullOrWhiteSpace(executable);
        Voice = voice;
        Speed = speed;
        Executable = executable;
        _path = Executables.Find(executable);
    }

    /// <summary>The espeak-ng voice.</summary>
    public string Voice { get; }

    /// <summary>Words per minute.</summary>
    public int Speed { get; }

    /// <summary>The program as configured (a name or a path).</summary>
    public string Executable { get; }

    /// <inheritdoc />
    public string? Problem => _path is not null
        ? null
        : Executable.Contains('/', StringComparison.Ordinal)
            ? $"espeak-ng was not found at '{Executable}' (Debian: apt-get install espeak-ng)"
            : "espeak-ng is not installed (Debian: apt-get install espeak-ng)";

    /// <inheritdoc />
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
        foreach (var a in new[] { "-v", Voice, "-s", Speed.ToString(CultureInfo.InvariantCulture), "--stdout", "--", text })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("espeak-ng did not start.");
        using var kill = Executables.KillOnCancel(process, cancellationToken);
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
