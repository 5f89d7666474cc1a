using System.Security.Cryptography;
using System.Text.Json;

namespace HallDevices.LoadGen;

/// <summary>One MQTT login.</summary>
internal sealed record MqttLogin(string Username, string Password);

/// <summary>
/// The sample device accounts of the queue-server's <c>appsettings.json</c> (valid in Development),
/// read from the built server's folder so the load generator never drifts from them. Many clients
/// share one username with distinct client ids, which both brokers allow.
/// </summary>
internal sealed class AccountBook
{
    private AccountBook(IReadOnlyList<MqttLogin> kiosks, MqttLogin display, IReadOnlyList<string> counters, IReadOnlyList<MqttLogin> all)
    {
        Kiosks = kiosks;
        Display = display;
        Counters = counters;
        All = all;
    }

    /// <summary>The hall of the sample configuration.</summary>
    public static string HallId => "xinqiao";

    /// <summary>Kiosk accounts of the hall.</summary>
    public IReadOnlyList<MqttLogin> Kiosks { get; }

    /// <summary>A display account allowed to act for <see cref="Counters"/>.</summary>
    public MqttLogin Display { get; }

    /// <summary>The counters <see cref="Display"/> may act for.</summary>
    public IReadOnlyList<string> Counters { get; }

    /// <summary>Every sample account (for Mosquitto's password file).</summary>
    public IReadOnlyList<MqttLogin> All { get; }

    /// <summary>The queue-server's own login on Mosquitto: made up per run, put in the password file and passed as <c>Mqtt__Username/Password</c>.</summary>
    public MqttLogin Server { get; } = new("queue-server", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    public static AccountBook Load(string appsettingsPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(appsettingsPath));
        var accounts = doc.RootElement.GetProperty("Mqtt").GetProperty("Accounts").Deserialize<List<SampleAccount>>() ?? [];
        var kiosks = new List<MqttLogin>();
        (MqttLogin Login, List<string> Counters)? display = null;
        foreach (var a in accounts.Where(a => a.HallId == HallId))
        {
            var login = new MqttLogin(a.Username, a.Password);
            if (a.Role is null or "Kiosk")
            {
                kiosks.Add(login);
            }
            else if (a.Role == "Display" && a.Counters is { Count: > 0 } counters && (display is null || counters.Count > display.Value.Counters.Count))
            {
                display = (login, counters);
            }
        }

        var all = accounts.Select(a => new MqttLogin(a.Username, a.Password)).ToList();
        if (kiosks.Count == 0 || display is null)
        {
            throw new InvalidOperationException($"{appsettingsPath} has no kiosk or display account for hall {HallId}");
        }

        return new AccountBook(kiosks, display.Value.Login, display.Value.Counters, all);
    }
}

/// <summary>One entry of <c>Mqtt:Accounts</c> in appsettings.json (property names as written there).</summary>
internal sealed record SampleAccount(string Username, string Password, string? Role, string? HallId, List<string>? Counters);
