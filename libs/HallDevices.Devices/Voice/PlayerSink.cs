using System.Diagnostics;

namespace HallDevices.Devices.Voice;

/// <summary>Sound card output through a player reading WAV on stdin (<c>aplay</c> from alsa-utils by default); waits until playback ends so utterances never overlap.</summary>
public sealed class PlayerSink : IAudioSink
{
    private readonly string _player;
    private readonly string? _path;
    private readonly string? _outputFolderKey;

    /// <summary>A sink playing through <paramref name="player"/> (called as <c>player -q -</c>).</summary>
    /// <param name="player">Program name looked up on PATH, or a path to the program.</param>
    /// <param name="outputFolderKey">The configuration key that writes WAV files instead, named in <see cref="Problem"/>.</param>
    public PlayerSink(string player = "aplay", string? outputFolderKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(player);
        _player = player;
        _path = Executables.Find(player);
        _outputFolderKey = outputFolderKey;
    }

    /// <inheritdoc />
    public string? Problem => _path is null
        ? $"the audio player '{_player}' is not installed (Debian: apt-get install alsa-utils)" + (_outputFolderKey is null ? "" : $", or set {_outputFolderKey}")
        : null;

    /// <inheritdoc />
    public async Task PlayAsync(Pcm audio, string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var psi = new ProcessStartInfo(_path ?? _player) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-q");
        psi.ArgumentList.Add("-");
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{_player} did not start.");
        using var kill = Executables.KillOnCancel(process, cancellationToken);
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(Wav.Write(audio), cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
            // Killed on cancel while it was still reading: a broken pipe here means "cancelled".
            throw new OperationCanceledException(cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{_player} failed with {process.ExitCode}: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
        }
    }
}
