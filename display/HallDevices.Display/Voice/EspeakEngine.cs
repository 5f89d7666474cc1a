using System.Diagnostics;
using HallDevices.Display.Hosting;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.Voice;

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
