using HallDevices.Devices.Voice;
using HallDevices.Display.Hosting;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.Voice;

/// <summary>
/// Speaks the announcement queue, one announcement at a time: chime, then the sentence
/// <c>Repeat</c> times with a pause between. The next one starts only after the sink returned, so
/// calls never overlap or cut each other off. A missing engine or player is reported once at
/// start-up; the queue is then drained silently and the board is unaffected.
/// </summary>
internal sealed class VoiceService(AnnouncementQueue queue, ISpeechEngine engine, IAudioSink sink, IOptions<DisplayOptions> options, ILogger<VoiceService> log) : BackgroundService
{
    private readonly VoiceOptions _voice = options.Value.Voice;

    /// <summary>One line for /health and the device status.</summary>
    public string Status { get; private set; } = "starting";

    /// <summary>Announcements fully played (or written).</summary>
    public long Played { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var problem = engine.Problem ?? sink.Problem;
        if (problem is not null)
        {
            Status = "off: " + problem;
            log.LogError("Voice announcements are off: {Problem}. The board keeps working.", problem);
        }
        else
        {
            Status = "on";
            log.LogInformation("Voice announcements on ({Engine}, voice {Voice}, {Output})", _voice.Engine, _voice.VoiceName, _voice.OutDir is null ? "sound card" : "WAV files in " + _voice.OutDir);
        }

        Pcm? chime = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var announcement = await queue.DequeueAsync(stoppingToken);
                if (problem is not null)
                {
                    continue;
                }

                try
                {
                    var speech = await engine.SynthesizeAsync(announcement.Text(_voice.Template), stoppingToken);
                    chime = chime?.SampleRate == speech.SampleRate ? chime : Chime.Create(speech.SampleRate);
                    var parts = new List<Pcm> { chime };
                    for (var i = 0; i < _voice.Repeat; i++)
                    {
                        if (i > 0)
                        {
                            parts.Add(Pcm.Silence(TimeSpan.FromMilliseconds(_voice.PauseMilliseconds), speech.SampleRate));
                        }

                        parts.Add(speech);
                    }

                    await sink.PlayAsync(Pcm.Concat(parts), announcement.Ticket, stoppingToken);
                    Played++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One failed announcement (engine crash, busy sound card) must not silence the rest.
                    log.LogWarning("Announcing {Ticket} failed: {Reason}", announcement.Ticket, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
