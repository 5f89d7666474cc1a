using System.Diagnostics;
using HallDevices.Display.Hosting;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.Voice;

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
