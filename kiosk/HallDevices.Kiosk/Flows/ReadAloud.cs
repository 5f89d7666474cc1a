using HallDevices.Kiosk.Catalog;
using HallDevices.Kiosk.Voice;

namespace HallDevices.Kiosk.Flows;

/// <summary>
/// 朗读: reads a service's name and guide through the kiosk's speaker, in the screen's language. In
/// elderly mode a guide is read as soon as it opens; leaving it for browsing, or the kiosk forgetting
/// the citizen, stops the voice, so the next citizen does not hear the last one's guide.
/// </summary>
public sealed class ReadAloud : IHostedService, IDisposable
{
    private readonly KioskSession _session;
    private readonly ICatalogSource _catalog;
    private readonly IKioskSpeaker _speaker;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private KioskView? _last;

    /// <summary>Reads for <paramref name="session"/> from <paramref name="catalog"/> through <paramref name="speaker"/>.</summary>
    public ReadAloud(KioskSession session, ICatalogSource catalog, IKioskSpeaker speaker)
    {
        _session = session;
        _catalog = catalog;
        _speaker = speaker;
    }

    /// <summary>Reads <paramref name="serviceId"/> aloud in the screen's language; false for a service the catalogue does not list.</summary>
    public bool Speak(string serviceId)
    {
        if (_catalog.FindService(serviceId) is not { } service)
        {
            return false;
        }

        // SayAsync never throws and the newest call wins: nothing to wait for here.
        _ = _speaker.SayAsync(GuideSpeech.Text(service, _catalog.FindGuide(serviceId), _session.View.Language), _session.View.Language, Stopping);
        return true;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _last = _session.View;
        }

        _session.Changed += OnChanged;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _session.Changed -= OnChanged;
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    /// <summary>Cancelled once the kiosk stops (also after disposal, for a request arriving during shutdown).</summary>
    private CancellationToken Stopping
    {
        get
        {
            try
            {
                return _stopping.Token;
            }
            catch (ObjectDisposedException)
            {
                return new CancellationToken(canceled: true);
            }
        }
    }

    /// <summary>Follows the screen: a guide opened in elderly mode is read; leaving the guide for browsing stops the voice.</summary>
    internal void OnChanged(KioskView view)
    {
        KioskView? last;
        lock (_gate)
        {
            last = _last;
            _last = view;
        }

        var opened = view.Screen == KioskScreen.Guide && (last?.Screen != KioskScreen.Guide || last.GuideServiceId != view.GuideServiceId);
        if (opened && view.Elderly && view.GuideServiceId is { } id)
        {
            Speak(id);
        }
        else if ((last?.Screen == KioskScreen.Guide && view.Screen is KioskScreen.Start or KioskScreen.Services) || (last is not null && last.Visit != view.Visit))
        {
            _ = _speaker.SayAsync("", view.Language, Stopping);
        }
    }
}
