using HallDevices.Devices.Voice;

namespace HallDevices.Devices.Tests.Voice;

public sealed class VoiceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("voice-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_espeak_engine_reports_itself_missing_with_the_package_to_install()
    {
        var engine = new EspeakEngine("cmn", 140, "espeak-ng-not-installed-here");

        Assert.Contains("apt-get install espeak-ng", engine.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_engine_path_that_does_not_exist_is_named_in_the_problem()
    {
        var engine = new EspeakEngine("cmn", 140, "/opt/nowhere/espeak-ng");

        Assert.Contains("/opt/nowhere/espeak-ng", engine.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cmn", "请A零一二号到三号窗口办理")]
    [InlineData("en", "Please go to window three")]
    public async Task Espeak_ng_speaks_a_sentence_into_audible_pcm_of_a_sane_length(string voice, string text)
    {
        var engine = new EspeakEngine(voice, 140);
        Assert.Null(engine.Problem);

        // espeak-ng's stdout WAV says 0x7FFFFFF0 for its sizes; Wav.Read clamps them to the bytes present.
        var pcm = await engine.SynthesizeAsync(text, CancellationToken.None);

        Assert.InRange(pcm.Duration.TotalSeconds, 0.8, 15);
        Assert.True(pcm.Samples.Any(s => Math.Abs((int)s) > 2000), "speech is audible");
    }

    [Fact]
    public void A_written_wav_reads_back_to_the_same_samples_with_correct_header_sizes()
    {
        var pcm = new Pcm([0, 1000, -1000, short.MaxValue, short.MinValue], 16000);

        var bytes = Wav.Write(pcm);
        var back = Wav.Read(bytes);

        Assert.Equal(44 + 10, bytes.Length);
        Assert.Equal(bytes.Length - 8, BitConverter.ToInt32(bytes, 4));
        Assert.Equal(10, BitConverter.ToInt32(bytes, 40));
        Assert.Equal(pcm.Samples, back.Samples);
        Assert.Equal(16000, back.SampleRate);
    }

    [Fact]
    public void Clips_of_different_sample_rates_are_not_joined()
    {
        var joined = Pcm.Concat([new Pcm([1, 2], 8000), Pcm.Silence(TimeSpan.FromSeconds(0.5), 8000)]);

        Assert.Equal(2 + 4000, joined.Samples.Length);
        Assert.Throws<ArgumentException>(() => Pcm.Concat([new Pcm([1], 8000), new Pcm([1], 16000)]));
    }

    [Fact]
    public async Task The_wav_file_sink_numbers_its_files_after_those_already_there_and_leaves_no_temporary_file()
    {
        await File.WriteAllBytesAsync(Path.Combine(_dir, "say-0001-zh.wav"), Wav.Write(new Pcm([1], 8000)));
        var sink = new WavFileSink(_dir, "say");

        await sink.PlayAsync(new Pcm([1, 2, 3], 8000), "en", CancellationToken.None);

        Assert.Equal(["say-0001-zh.wav", "say-0002-en.wav"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3], Wav.Read(await File.ReadAllBytesAsync(Path.Combine(_dir, "say-0002-en.wav"))).Samples);
        await Assert.ThrowsAsync<ArgumentException>(() => sink.PlayAsync(new Pcm([1], 8000), "../x", CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_write_leaves_no_temporary_file_behind()
    {
        var sink = new WavFileSink(_dir, "say");

        // The name it is about to take is a folder: renaming the finished file into place fails.
        Directory.CreateDirectory(Path.Combine(_dir, "say-0001-zh.wav"));

        await Assert.ThrowsAnyAsync<IOException>(() => sink.PlayAsync(new Pcm(new short[22050], 22050), "zh", CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_missing_player_names_the_package_and_the_setting_that_writes_files_instead()
    {
        var sink = new PlayerSink("aplay-not-installed-here", "Kiosk:Voice:OutDir");

        Assert.Contains("apt-get install alsa-utils", sink.Problem, StringComparison.Ordinal);
        Assert.Contains("Kiosk:Voice:OutDir", sink.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_playback_stops_the_player_process()
    {
        // Stands in for aplay (no sound card here): reads the WAV, records its pid, then "plays" for a minute.
        var player = Path.Combine(_dir, "slow-player");
        var pidFile = Path.Combine(_dir, "pid");
        await File.WriteAllTextAsync(player, $"#!/bin/sh\ncat > /dev/null\necho $$ > {pidFile}\nexec sleep 60\n");
        File.SetUnixFileMode(player, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var sink = new PlayerSink(player);
        Assert.Null(sink.Problem);
        using var cts = new CancellationTokenSource();

        var play = sink.PlayAsync(new Pcm(new short[8000], 8000), "x", cts.Token);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(pidFile) || (await File.ReadAllTextAsync(pidFile)).Trim().Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the player never started");
            await Task.Delay(20);
        }

        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Directory.Exists($"/proc/{pid}"));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => play);
        while (Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the player still runs after the cancel");
            await Task.Delay(20);
        }
    }
}
