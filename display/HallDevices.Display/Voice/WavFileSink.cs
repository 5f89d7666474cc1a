using HallDevices.Display.Hosting;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.Voice;

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
