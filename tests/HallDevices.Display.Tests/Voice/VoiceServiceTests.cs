using System.Collections.Concurrent;
using HallDevices.Devices.Voice;
using HallDevices.Display.Hosting;
using HallDevices.Display.Tests.Support;
using HallDevices.Display.Voice;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.Display.Tests.Voice;

public sealed class VoiceServiceTests : IDisposable
{
    private readonly string _dir = TempDir.Create("voice");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_burst_of_calls_is_announced_in_call_order_one_at_a_time_and_a_recall_is_announced_again()
    {
        var queue = new AnnouncementQueue();
        var sink = new RecordingSink();
        var options = Boards.Options(o =>
        {
            o.Voice.Engine = "espeak-ng";
            o.Voice.Repeat = 2;
        });
        var calls = Enumerable.Range(1, 40).Select(i => new Announcement($"A{i:000}", "w" + ((i % 6) + 1), $"{(i % 6) + 1}号窗口", false, i)).ToList();
        calls.Add(calls[4] with { Recall = true, Sequence = 41 });
        using var voice = new VoiceService(queue, new FakeEngine(), sink, Microsoft.Extensions.Options.Options.Create(options), NullLogger<VoiceService>.Instance);
        await voice.StartAsync(CancellationToken.None);

        // The whole burst arrives while the first announcement is still playing.
        foreach (var call in calls)
        {
            queue.Enqueue(call);
        }

        await sink.WaitForAsync(calls.Count);
        await voice.StopAsync(CancellationToken.None);

        // The sink is told the ticket of each clip; the recall of A005 comes 41st, after the burst.
        Assert.Equal(calls.Select(c => c.Ticket), sink.Played.Select(p => p.Label));
        Assert.Equal(1, sink.MaxConcurrent);
        Assert.Equal(41, sink.Played.Count);
        Assert.Equal("A005", sink.Played[^1].Label);

        // Chime + sentence + pause + sentence: two repetitions, chime first.
        var clip = sink.Played[0].Audio;
        var sentence = FakeEngine.Speak(calls[0].Text(options.Voice.Template));
        var chime = Chime.Create(sentence.SampleRate);
        Assert.Equal(chime.Samples.Length + (2 * sentence.Samples.Length) + (options.Voice.PauseMilliseconds * sentence.SampleRate / 1000), clip.Samples.Length);
        Assert.Equal(chime.Samples, clip.Samples[..chime.Samples.Length]);
    }

    [Fact]
    public async Task A_missing_engine_is_reported_at_start_and_nothing_is_played()
    {
        var queue = new AnnouncementQueue();
        var sink = new RecordingSink();
        using var voice = new VoiceService(queue, new FakeEngine { Problem = "espeak-ng is not installed" }, sink, Microsoft.Extensions.Options.Options.Create(Boards.Options(o => o.Voice.Engine = "espeak-ng")), NullLogger<VoiceService>.Instance);
        await voice.StartAsync(CancellationToken.None);

        queue.Enqueue(new Announcement("A001", "w1", "1号窗口", false, 1));
        queue.Enqueue(new Announcement("A002", "w1", "1号窗口", false, 2));
        while (queue.Count > 0)
        {
            await Task.Yield();
        }

        await voice.StopAsync(CancellationToken.None);
        Assert.StartsWith("off: espeak-ng is not installed", voice.Status, StringComparison.Ordinal);
        Assert.Empty(sink.Played);
    }

    [Fact]
    public async Task Espeak_ng_writes_a_wav_file_per_call_with_a_chime_and_a_sane_duration()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Boards.Options(o =>
        {
            o.Voice.Engine = "espeak-ng";
            o.Voice.OutDir = _dir;
            o.Voice.Repeat = 2;
        }));
        var engine = new EspeakEngine(options.Value.Voice.VoiceName, options.Value.Voice.Speed);
        Assert.Null(engine.Problem);
        var queue = new AnnouncementQueue();
        using var voice = new VoiceService(queue, engine, new WavFileSink(_dir), options, NullLogger<VoiceService>.Instance);
        await voice.StartAsync(CancellationToken.None);

        queue.Enqueue(new Announcement("A012", "w3", "3号窗口", false, 1));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (voice.Played < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await voice.StopAsync(CancellationToken.None);
        var file = Assert.Single(Directory.GetFiles(_dir));
        Assert.Equal("announce-0001-A012.wav", Path.GetFileName(file));
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
        Assert.Equal(bytes.Length - 8, BitConverter.ToInt32(bytes, 4));
        var pcm = Wav.Read(bytes);

        // Chime (~1.2 s) + the sentence twice: a few seconds, not silence and not a runaway.
        Assert.InRange(pcm.Duration.TotalSeconds, 3, 20);
        Assert.True(pcm.Samples.Skip(Chime.Create(pcm.SampleRate).Samples.Length).Any(s => Math.Abs((int)s) > 2000), "speech is audible after the chime");
    }

    private sealed class FakeEngine : ISpeechEngine
    {
        public string? Problem { get; init; }

        /// <summary>Deterministic "speech": one sample per character, so clip lengths can be checked.</summary>
        public static Pcm Speak(string text) => new(text.Select(c => (short)c).ToArray(), 16000);

        public Task<Pcm> SynthesizeAsync(string text, CancellationToken cancellationToken) => Task.FromResult(Speak(text));
    }

    private sealed class RecordingSink : IAudioSink
    {
        private readonly ConcurrentQueue<(string, Pcm)> _played = new();
        private readonly SemaphoreSlim _playedSignal = new(0);
        private int _playing;

        public string? Problem => null;

        public int MaxConcurrent { get; private set; }

        public List<(string Label, Pcm Audio)> Played => _played.ToList();

        public async Task PlayAsync(Pcm audio, string label, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _playing);
            MaxConcurrent = Math.Max(MaxConcurrent, now);

            // "Playing": yield so any overlapping announcement would get the chance to start.
            for (var i = 0; i < 5; i++)
            {
                await Task.Yield();
            }

            _played.Enqueue((label, audio));
            Interlocked.Decrement(ref _playing);
            _playedSignal.Release();
        }

        public async Task WaitForAsync(int count)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (_played.Count < count)
            {
                await _playedSignal.WaitAsync(cts.Token);
            }
        }
    }
}
