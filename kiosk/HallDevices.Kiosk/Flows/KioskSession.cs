using HallDevices.Contracts;

namespace HallDevices.Kiosk.Flows;

/// <summary>Screens of the touch UI.</summary>
public enum KioskScreen
{
    /// <summary>Welcome: swipe a card, scan a code, or tap a service.</summary>
    Start,

    /// <summary>Choose a service (after a card or a pass code, or directly).</summary>
    Services,

    /// <summary>The service guide (办事指南) of one service, before its ticket.</summary>
    Guide,

    /// <summary>Taking and printing the ticket.</summary>
    Working,

    /// <summary>The printed ticket.</summary>
    Ticket,

    /// <summary>A refusal or failure in plain words (the code says which).</summary>
    Message,
}

/// <summary>What the touch UI shows now. Holds no raw ID number.</summary>
/// <param name="Screen">Screen.</param>
/// <param name="Version">Increases on every change (the UI waits for a newer one).</param>
/// <param name="Language"><c>zh</c> or <c>en</c>.</param>
/// <param name="CitizenName">Masked name from the card (张*).</param>
/// <param name="MaskedId">Masked ID number.</param>
/// <param name="PassColor">Colour of an accepted pass code.</param>
/// <param name="MessageCode">Why the message screen is shown; on the guide screen, why its 取号 was refused (<c>id-required</c>).</param>
/// <param name="Ticket">The ticket just printed (or voided).</param>
public sealed record KioskView(
    KioskScreen Screen,
    long Version,
    string Language,
    string? CitizenName,
    string? MaskedId,
    string? PassColor,
    string? MessageCode,
    TicketInfo? Ticket)
{
    /// <summary>Elderly mode (长辈模式): extra-large type, high contrast, fewer items, guides read aloud.</summary>
    public bool Elderly { get; init; }

    /// <summary>The service whose guide the guide screen shows.</summary>
    public string? GuideServiceId { get; init; }

    /// <summary>Increases each time the kiosk forgets a citizen: the page then goes back to its own start screen too.</summary>
    public long Visit { get; init; }
}

/// <summary>
/// The one citizen at the kiosk: what they presented (card, pass code, appointment code), what they
/// chose, and where the screen is. The raw ID number lives here in memory only while the citizen is
/// at the kiosk; the idle timeout and every return to the start screen forget it. Browsing the
/// categories happens in the page; its taps (<see cref="Touch"/>) keep the idle timeout away, and
/// a citizen who walks away mid-browse is forgotten like one who walks away from a guide.
/// </summary>
public sealed class KioskSession(TicketFlow flow, PassCodePolicy passCodes, ICatalogSource catalog, TimeProvider time, Microsoft.Extensions.Options.IOptions<KioskOptions> options)
{
    private readonly Lock _gate = new();
    private KioskView _view = new(KioskScreen.Start, 1, "zh", null, null, null, null, null);
    private string? _idNumber;
    private DateTimeOffset _lastTouch = time.GetUtcNow();
    private bool _busy;
    private bool _browsing;

    /// <summary>Raised after every change of the view.</summary>
    public event Action<KioskView>? Changed;

    /// <summary>The current view.</summary>
    public KioskView View
    {
        get
        {
            lock (_gate)
            {
                return _view;
            }
        }
    }

    /// <summary>An ID card was read: go to the services with the citizen known.</summary>
    public void CardPresented(string name, string idNumber, string maskedId)
    {
        Update(v =>
        {
            if (_busy)
            {
                return v;
            }

            _idNumber = idNumber;

            // A citizen reading a guide who is told it needs the card swipes it and stays on the guide.
            return v with { Screen = Browse(v), CitizenName = MaskName(name), MaskedId = maskedId, MessageCode = null, Ticket = null };
        });
    }

    /// <summary>A code was scanned: an appointment code checks in at once; a pass code opens the services; anything else is refused politely.</summary>
    public Task ScannedAsync(string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.StartsWith(CodeFormats.AppointmentPrefix, StringComparison.Ordinal))
        {
            return IssueAsync(new TicketAsk(null, CurrentIdNumber(), code), cancellationToken);
        }

        var check = passCodes.Check(code);
        Update(v => _busy ? v : check.Accepted
            ? v with { Screen = Browse(v), PassColor = check.Color, MessageCode = null, Ticket = null }
            : v with { Screen = KioskScreen.Message, MessageCode = check.Reason, Ticket = null });
        return Task.CompletedTask;
    }

    /// <summary>取号 on a service (its guide, or a list).</summary>
    public Task ChooseAsync(string serviceId, CancellationToken cancellationToken) => ChooseAsync(serviceId, printGuide: false, cancellationToken);

    /// <summary>取号, and with <paramref name="printGuide"/> 取号并打印办事指南: the receipt then carries the guide's short form.</summary>
    public Task ChooseAsync(string serviceId, bool printGuide, CancellationToken cancellationToken)
    {
        var service = catalog.FindService(serviceId);
        if (service is null)
        {
            Update(v => v with { Screen = KioskScreen.Message, MessageCode = ErrorCodes.UnknownService });
            return Task.CompletedTask;
        }

        if (service.NeedsIdCard && CurrentIdNumber() is null)
        {
            // On the service's own guide the citizen stays there, told to swipe the card: the message
            // screen's 返回 would forget them, and a card swiped on it would lose the guide.
            Update(v => v.Screen == KioskScreen.Guide && v.GuideServiceId == serviceId
                ? v with { MessageCode = ErrorCodes.IdRequired }
                : v with { Screen = KioskScreen.Message, MessageCode = ErrorCodes.IdRequired });
            return Task.CompletedTask;
        }

        return IssueAsync(new TicketAsk(serviceId, CurrentIdNumber(), null, printGuide), cancellationToken);
    }

    /// <summary>
    /// Opens the guide screen of a service; false (nothing changes) for a service the catalogue does
    /// not list, or while a ticket is being printed.
    /// </summary>
    public bool OpenGuide(string serviceId)
    {
        if (catalog.FindService(serviceId) is null)
        {
            return false;
        }

        var opened = false;
        Update(v =>
        {
            if (_busy)
            {
                return v;
            }

            opened = true;
            return v with { Screen = KioskScreen.Guide, GuideServiceId = serviceId, MessageCode = null, Ticket = null };
        });
        return opened;
    }

    /// <summary>返回 from a guide: back to browsing, keeping the citizen, the language and elderly mode.</summary>
    public void CloseGuide() => Update(v => _busy || v.Screen != KioskScreen.Guide ? v : v with
    {
        Screen = v.CitizenName is not null || v.PassColor is not null || _idNumber is not null ? KioskScreen.Services : KioskScreen.Start,
        GuideServiceId = null,
        MessageCode = null,
    });

    /// <summary>Back to the start screen, forgetting the citizen.</summary>
    public void Cancel() => Update(_ => Forget());

    /// <summary>Switches the UI language.</summary>
    public void SetLanguage(string language) => Update(v => v with { Language = language == "en" ? "en" : "zh" });

    /// <summary>Switches elderly mode (长辈模式) on or off for this citizen.</summary>
    public void SetElderly(bool on) => Update(v => v with { Elderly = on });

    /// <summary>The citizen is browsing in the page: keeps the idle timeout from firing, changes nothing on screen.</summary>
    public void Touch()
    {
        lock (_gate)
        {
            _browsing = true;
            _lastTouch = time.GetUtcNow();
        }
    }

    /// <summary>Called periodically: after the idle timeout the kiosk forgets the citizen.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            // The start screen as the last citizen found it is at rest; anything else they touched is forgotten in time.
            var atRest = _view.Screen == KioskScreen.Start && !_browsing && _view.Language == "zh" && !_view.Elderly;
            if (atRest || _busy
                || time.GetUtcNow() - _lastTouch < TimeSpan.FromSeconds(options.Value.IdleTimeoutSeconds))
            {
                return;
            }
        }

        Update(_ => Forget(), touch: false);
    }

    private async Task IssueAsync(TicketAsk ask, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_busy)
            {
                return; // one ticket at a time; a second tap while printing is ignored
            }

            _busy = true;
        }

        Update(v => v with { Screen = KioskScreen.Working, MessageCode = null, Ticket = null });
        TicketOutcome outcome;
        try
        {
            outcome = await flow.IssueAsync(ask, catalog.HallName, cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _busy = false;
            }
        }

        Update(v =>
        {
            // The ID number has done its job; the citizen's ticket screen needs only the masked one.
            _idNumber = null;
            return outcome.Kind == TicketOutcomeKind.Printed
                ? v with { Screen = KioskScreen.Ticket, Ticket = outcome.Ticket, MessageCode = null, GuideServiceId = null }
                : v with { Screen = KioskScreen.Message, Ticket = outcome.Ticket, MessageCode = outcome.Code, GuideServiceId = null };
        });
    }

    private string? CurrentIdNumber()
    {
        lock (_gate)
        {
            return _idNumber;
        }
    }

    private KioskView Forget()
    {
        _idNumber = null;
        _browsing = false;

        // The next citizen starts in Chinese and in normal mode, whatever the last one chose.
        return new KioskView(KioskScreen.Start, _view.Version, "zh", null, null, null, null, null) { Visit = _view.Visit + 1 };
    }

    /// <summary>Where a card or an accepted pass code leads: an open guide stays open, anything else shows the services.</summary>
    private static KioskScreen Browse(KioskView v) => v.Screen == KioskScreen.Guide ? KioskScreen.Guide : KioskScreen.Services;

    private void Update(Func<KioskView, KioskView> change, bool touch = true)
    {
        KioskView next;
        lock (_gate)
        {
            var changed = change(_view);
            if (touch)
            {
                _lastTouch = time.GetUtcNow();
            }

            if (changed == _view)
            {
                return;
            }

            next = changed with { Version = _view.Version + 1 };
            _view = next;
        }

        Changed?.Invoke(next);
    }

    /// <summary>张三 → 张*, 欧阳娜娜 → 欧***: enough for the citizen to recognise the card.</summary>
    private static string MaskName(string name) =>
        string.IsNullOrEmpty(name) ? "" : string.Concat(name.AsSpan(0, 1), new string('*', Math.Max(1, name.Length - 1)));
}
