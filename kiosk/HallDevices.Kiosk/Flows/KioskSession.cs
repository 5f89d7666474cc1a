using HallDevices.Contracts;

namespace HallDevices.Kiosk.Flows;

/// <summary>Screens of the touch UI.</summary>
public enum KioskScreen
{
    /// <summary>Welcome: swipe a card, scan a code, or tap a service.</summary>
    Start,

    /// <summary>Choose a service (after a card or a pass code, or directly).</summary>
    Services,

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
/// <param name="MessageCode">Why the message screen is shown.</param>
/// <param name="Ticket">The ticket just printed (or voided).</param>
public sealed record KioskView(
    KioskScreen Screen,
    long Version,
    string Language,
    string? CitizenName,
    string? MaskedId,
    string? PassColor,
    string? MessageCode,
    TicketInfo? Ticket);

/// <summary>
/// The one citizen at the kiosk: what they presented (card, pass code, appointment code), what they
/// chose, and where the screen is. The raw ID number lives here in memory only while the citizen is
/// at the kiosk; the idle timeout and every return to the start screen forget it.
/// </summary>
public sealed class KioskSession(TicketFlow flow, PassCodePolicy passCodes, ICatalogSource catalog, TimeProvider time, Microsoft.Extensions.Options.IOptions<KioskOptions> options)
{
    private readonly Lock _gate = new();
    private KioskView _view = new(KioskScreen.Start, 1, "zh", null, null, null, null, null);
    private string? _idNumber;
    private DateTimeOffset _lastTouch = time.GetUtcNow();
    private bool _busy;

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
            return v with { Screen = KioskScreen.Services, CitizenName = MaskName(name), MaskedId = maskedId, MessageCode = null, Ticket = null };
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
            ? v with { Screen = KioskScreen.Services, PassColor = check.Color, MessageCode = null, Ticket = null }
            : v with { Screen = KioskScreen.Message, MessageCode = check.Reason, Ticket = null });
        return Task.CompletedTask;
    }

    /// <summary>A service was tapped.</summary>
    public Task ChooseAsync(string serviceId, CancellationToken cancellationToken)
    {
        var service = catalog.FindService(serviceId);
        if (service is null)
        {
            Update(v => v with { Screen = KioskScreen.Message, MessageCode = ErrorCodes.UnknownService });
            return Task.CompletedTask;
        }

        if (service.NeedsIdCard && CurrentIdNumber() is null)
        {
            Update(v => v with { Screen = KioskScreen.Message, MessageCode = ErrorCodes.IdRequired });
            return Task.CompletedTask;
        }

        return IssueAsync(new TicketAsk(serviceId, CurrentIdNumber(), null), cancellationToken);
    }

    /// <summary>Back to the start screen, forgetting the citizen.</summary>
    public void Cancel() => Update(_ => Forget());

    /// <summary>Switches the UI language.</summary>
    public void SetLanguage(string language) => Update(v => v with { Language = language == "en" ? "en" : "zh" });

    /// <summary>Called periodically: after the idle timeout the kiosk forgets the citizen.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            if (_view.Screen == KioskScreen.Start || _busy
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
                ? v with { Screen = KioskScreen.Ticket, Ticket = outcome.Ticket, MessageCode = null }
                : v with { Screen = KioskScreen.Message, Ticket = outcome.Ticket, MessageCode = outcome.Code };
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
        // The next citizen starts in Chinese, whatever the last one chose.
        return new KioskView(KioskScreen.Start, _view.Version, "zh", null, null, null, null, null);
    }

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
