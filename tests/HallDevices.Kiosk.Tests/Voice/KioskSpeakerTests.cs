using HallDevices.Devices.Voice;
using HallDevices.Kiosk.Voice;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Tests.Voice;

/// <summary>The kiosk's read-aloud with real espeak-ng (Debian <c>espeak-ng</c>, installed by hall.sh) writing WAV files.</summary>
public sealed class KioskSpeakerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kiosk-voice-").FullName;
    private readonly ListLoggerProvider _logs = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Espeak_ng_writes_an_audible_wav_per_utterance_and_a_longer_text_lasts_longer()
    {
        using var host = await StartAsync(new() { ["Kiosk:Voice:OutDir"] = _dir });
        var speaker = host.Services.GetRequiredService<IKioskSpeaker>();

        await speaker.SayAsync("社会保障卡申领", "zh", CancellationToken.None);
        await speaker.SayAsync("社会保障卡申领。所需材料：居民身份证原件，近期免冠彩色照片一张。承诺时限五个工作日，不收费，最多跑一次。", "zh", CancellationToken.None);
        await speaker.SayAsync("Apply for a social security card", "en", CancellationToken.None);

        Assert.Equal(["say-0001-zh.wav", "say-0002-zh.wav", "say-0003-en.wav"], Files());
        var (shortText, longText, english) = (Read("say-0001-zh.wav"), Read("say-0002-zh.wav"), Read("say-0003-en.wav"));
        foreach (var pcm in new[] { shortText, longText, english })
        {
            Assert.True(pcm.Samples.Count(s => Math.Abs((int)s) > 2000) > pcm.SampleRate / 10, "at least a tenth of a second of loud speech");
        }

        Assert.InRange(shortText.Duration.TotalSeconds, 0.8, 10);
        Assert.True(longText.Duration > shortText.Duration * 3, $"long {longText.Duration} vs short {shortText.Duration}");
        Assert.Equal(3, host.Services.GetRequiredService<KioskSpeaker>().Spoken);
        Assert.Contains(_logs.At(LogLevel.Information), m => m.Contains("Read-aloud on", StringComparison.Ordinal) && m.Contains("cmn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_newest_tap_wins_the_current_utterance_stops_first_and_two_never_overlap()
    {
        // A player takes a moment to die when killed: the next utterance must wait for it.
        var sink = new SlowSink { StopDelay = TimeSpan.FromMilliseconds(300) };
        using var speaker = new KioskSpeaker(new FakeEngine(), new FakeEngine(), sink, _logs.CreateLogger<KioskSpeaker>());

        var first = speaker.SayAsync("第一个事项", "zh", CancellationToken.None);
        await sink.Started.WaitAsync(TimeSpan.FromSeconds(10));
        var second = speaker.SayAsync("第二个事项", "zh", CancellationToken.None);
        var third = speaker.SayAsync("第三个事项", "en", CancellationToken.None);

        // The first is cut off; the second is replaced while the first is still stopping, so it never starts; the third is said in full.
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        sink.Release();
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["第一个事项", "第三个事项"], sink.Begun);
        Assert.Equal(["第三个事项"], sink.Finished);
        Assert.Equal(["zh", "en"], sink.Labels);
        Assert.Equal(1, sink.MaxConcurrent);
        Assert.Equal(1, speaker.Spoken);
    }

    [Fact]
    public async Task A_new_tap_stops_the_player_process_of_the_one_still_speaking()
    {
        // A stand-in for aplay (no sound card here): logs its pid, reads the WAV, "plays" for a minute.
        var player = Path.Combine(_dir, "slow-player");
        var log = Path.Combine(_dir, "player.log");
        await File.WriteAllTextAsync(player, $"#!/bin/sh\necho $$ >> {log}\ncat > /dev/null\nexec sleep 60\n");
        File.SetUnixFileMode(player, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var host = await StartAsync(new() { ["Kiosk:Voice:Player"] = player });
        var speaker = host.Services.GetRequiredService<IKioskSpeaker>();

        var first = speaker.SayAsync("社会保障卡申领", "zh", CancellationToken.None);
        var firstPid = (await PlayersAsync(log, 1))[0];
        var second = speaker.SayAsync("Apply for a social security card", "en", CancellationToken.None);

        await first.WaitAsync(TimeSpan.FromSeconds(10));
        var pids = await PlayersAsync(log, 2);
        Assert.False(Running(firstPid), "the first player was stopped");
        Assert.True(Running(pids[1]), "the second one plays");

        await host.StopAsync();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        await Until(() => !Running(pids[1]), "the kiosk stopping stops the player");
    }

    [Fact]
    public async Task A_failing_engine_never_reaches_the_caller_and_the_same_failure_is_warned_about_once()
    {
        using var speaker = new KioskSpeaker(new FakeEngine { Failure = "espeak-ng crashed" }, new FakeEngine(), new SlowSink(), _logs.CreateLogger<KioskSpeaker>());

        for (var i = 0; i < 3; i++)
        {
            await speaker.SayAsync("社会保障卡申领", "zh", CancellationToken.None);
        }

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await speaker.SayAsync("社会保障卡申领", "zh", cancelled.Token);

        Assert.Single(_logs.At(LogLevel.Warning), m => m.Contains("espeak-ng crashed", StringComparison.Ordinal));
        Assert.Equal(0, speaker.Spoken);
    }

    [Fact]
    public async Task Espeak_ng_missing_from_path_is_one_warning_at_start_up_and_the_kiosk_stays_silent()
    {
        using var host = await StartAsync(new() { ["Kiosk:Voice:Engine"] = "espeak-ng-not-installed-here", ["Kiosk:Voice:OutDir"] = _dir });
        var speaker = host.Services.GetRequiredService<IKioskSpeaker>();

        await speaker.SayAsync("社会保障卡申领", "zh", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await speaker.SayAsync("社会保障卡申领", "zh", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        var warning = Assert.Single(_logs.At(LogLevel.Warning));
        Assert.Contains("apt-get install espeak-ng", warning, StringComparison.Ordinal);
        Assert.StartsWith("off: ", host.Services.GetRequiredService<KioskSpeaker>().Status, StringComparison.Ordinal);
        Assert.Empty(Files());
    }

    [Theory]
    [InlineData("Kiosk:Voice:Engine", "/opt/nowhere/espeak-ng", "Kiosk:Voice:Engine: espeak-ng was not found at '/opt/nowhere/espeak-ng'")]
    [InlineData("Kiosk:Voice:Player", "/opt/nowhere/aplay", "Kiosk:Voice:Player: '/opt/nowhere/aplay' does not exist")]
    [InlineData("Kiosk:Voice:Speed", "20", "Kiosk:Voice:Speed must be 80..450")]
    [InlineData("Kiosk:Voice:EnglishVoice", "en; rm", "Kiosk:Voice:EnglishVoice must be an espeak-ng voice name")]
    public async Task A_configured_path_that_does_not_exist_or_a_bad_value_stops_start_up_naming_the_key(string key, string value, string message)
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { [key] = value }));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switched_off_nothing_is_checked_or_said()
    {
        using var host = await StartAsync(new() { ["Kiosk:Voice:Enabled"] = "false", ["Kiosk:Voice:Engine"] = "/opt/nowhere/espeak-ng", ["Kiosk:Voice:OutDir"] = _dir });

        await host.Services.GetRequiredService<IKioskSpeaker>().SayAsync("社会保障卡申领", "zh", CancellationToken.None);

        Assert.Empty(Files());
        Assert.Empty(_logs.At(LogLevel.Warning));
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("EN-gb", true)]
    [InlineData("zh", false)]
    [InlineData("zh-CN", false)]
    [InlineData("fr", false)]
    [InlineData("", false)]
    public void English_is_en_and_anything_else_is_read_in_chinese(string language, bool english) =>
        Assert.Equal(english, KioskSpeaker.IsEnglish(language));

    private async Task<IHost> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(_logs);
        builder.Services.AddKioskVoice(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private string[] Files() => [.. Directory.GetFiles(_dir, "say-*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private Pcm Read(string name) => Wav.Read(File.ReadAllBytes(Path.Combine(_dir, name)));

    private static async Task<int[]> PlayersAsync(string log, int count)
    {
        int[] pids = [];
        await Until(() => (pids = File.Exists(log) ? File.ReadAllLines(log).Where(l => l.Length > 0).Select(int.Parse).ToArray() : []).Length >= count, $"{count} player(s) started");
        return pids;
    }

    /// <summary>Alive and not a zombie waiting to be reaped.</summary>
    private static bool Running(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(20);
        }
    }

    private sealed class FakeEngine : ISpeechEngine
    {
        public string? Failure { get; init; }

        public string? Problem => null;

        /// <summary>One sample per character, tagged with the text so the sink can say what it played.</summary>
        public Task<Pcm> SynthesizeAsync(string text, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Failure is null ? Task.FromResult(new Pcm([.. text.Select(c => (short)c)], 16000)) : throw new InvalidOperationException(Failure);
        }
    }

    /// <summary>"Plays" until released or cancelled, recording what began, what finished and how many ran at once.</summary>
    private sealed class SlowSink : IAudioSink
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _playing;

        public string? Problem => null;

        public Task Started => _started.Task;

        public List<string> Begun { get; } = [];

        public List<string> Finished { get; } = [];

        public List<string> Labels { get; } = [];

        public int MaxConcurrent { get; private set; }

        /// <summary>How long a cancelled "playback" takes to stop.</summary>
        public TimeSpan StopDelay { get; init; }

        public void Release() => _release.TrySetResult();

        public async Task PlayAsync(Pcm audio, string label, CancellationToken cancellationToken)
        {
            var text = new string([.. audio.Samples.Select(s => (char)s)]);
            MaxConcurrent = Math.Max(MaxConcurrent, Interlocked.Increment(ref _playing));
            lock (Begun)
            {
                Begun.Add(text);
                Labels.Add(label);
            }

            _started.TrySetResult();
            try
            {
                await _release.Task.WaitAsync(cancellationToken);
                lock (Begun)
                {
                    Finished.Add(text);
                }
            }
            catch (OperationCanceledException)
            {
                await Task.Delay(StopDelay, CancellationToken.None);
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref _playing);
            }
        }
    }
}
