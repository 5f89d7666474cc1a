namespace HallDevices.Devices.Voice;

/// <summary>
/// Simulation output: each utterance becomes <c>{prefix}-NNNN-{label}.wav</c> in a folder (the
/// display's <c>announce-0001-A012.wav</c>). Numbering continues after the files already there, and
/// a file appears complete or not at all (written to <c>.tmp</c>, then renamed).
/// </summary>
public sealed class WavFileSink : IAudioSink
{
    private readonly string _prefix;
    private long _number;

    /// <summary>A sink writing into <paramref name="directory"/> (created if missing).</summary>
    public WavFileSink(string directory, string prefix = "announce")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        Directory = directory;
        _prefix = prefix;
        System.IO.Directory.CreateDirectory(directory);
        _number = System.IO.Directory.EnumerateFiles(directory, prefix + "-*.wav").Count();
    }

    /// <summary>The folder written to.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public string? Problem => null;

    /// <inheritdoc />
    public async Task PlayAsync(Pcm audio, string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (string.IsNullOrEmpty(label) || label.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"'{label}' cannot be part of a file name.", nameof(label));
        }

        var path = Path.Combine(Directory, $"{_prefix}-{Interlocked.Increment(ref _number):0000}-{label}.wav");
        var temp = path + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, Wav.Write(audio), cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            // Cancelled (a newer utterance replaced it) or the disk failed: leave no half file behind.
            File.Delete(temp);
            throw;
        }
    }
}
