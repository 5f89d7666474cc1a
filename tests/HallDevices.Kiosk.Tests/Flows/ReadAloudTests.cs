using HallDevices.Kiosk.Flows;
using HallDevices.Kiosk.Voice;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Kiosk.Tests.Flows;

public sealed class ReadAloudTests : IDisposable
{
    private readonly FakeCatalog _catalog = new();
    private readonly RecordingSpeaker _speaker = new();
    private readonly KioskSession _session;
    private readonly ReadAloud _reader;

    public ReadAloudTests()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero));
        var options = Options.Create(new KioskOptions { IdleTimeoutSeconds = 30 });
        var flow = new TicketFlow(new FakeQueueClient(), new FakeTicketPrinter(), options, time, NullLogger<TicketFlow>.Instance, _catalog);
        _session = new KioskSession(flow, new PassCodePolicy(new PassCodeOptions()), _catalog, time, options);
        _reader = new ReadAloud(_session, _catalog, _speaker);
        _reader.StartAsync(default).GetAwaiter().GetResult();
    }

    public void Dispose() => _reader.Dispose();

    [Fact]
    public void Read_aloud_says_the_service_and_its_guide_in_the_screens_language()
    {
        Assert.True(_reader.Speak(FakeCatalog.CertificateService));
        _session.SetLanguage("en");
        Assert.True(_reader.Speak(FakeCatalog.CertificateService));

        Assert.Equal(2, _speaker.Said.Count);
        Assert.Equal("zh", _speaker.Said[0].Language);
        Assert.StartsWith("证明打印。请带好：居民身份证原件。", _speaker.Said[0].Text, StringComparison.Ordinal);
        Assert.Equal(("en", true), (_speaker.Said[1].Language, _speaker.Said[1].Text.StartsWith("Print a certificate.", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_unknown_service_is_not_read()
    {
        Assert.False(_reader.Speak("no-such-service"));
        Assert.Empty(_speaker.Said);
    }

    [Fact]
    public void In_normal_mode_opening_a_guide_says_nothing_until_asked()
    {
        _session.OpenGuide(FakeCatalog.CertificateService);

        Assert.Empty(_speaker.Said);
    }

    [Fact]
    public void In_elderly_mode_a_guide_is_read_as_soon_as_it_opens_and_leaving_it_stops_the_voice()
    {
        _session.SetElderly(true);

        _session.OpenGuide(FakeCatalog.CertificateService);
        _session.SetLanguage("en"); // same guide still open: not read again by itself
        _session.CloseGuide();

        Assert.Equal(2, _speaker.Said.Count);
        Assert.StartsWith("证明打印。", _speaker.Said[0].Text, StringComparison.Ordinal);
        Assert.Equal("", _speaker.Said[1].Text);
    }

    [Fact]
    public void A_forgotten_citizen_silences_the_kiosk()
    {
        _reader.Speak(FakeCatalog.CertificateService);

        _session.Cancel();

        Assert.Equal("", _speaker.Said[^1].Text);
    }

    private sealed class RecordingSpeaker : IKioskSpeaker
    {
        public List<(string Text, string Language)> Said { get; } = [];

        public Task SayAsync(string text, string language, CancellationToken cancellationToken)
        {
            Said.Add((text, language));
            return Task.CompletedTask;
        }
    }
}
