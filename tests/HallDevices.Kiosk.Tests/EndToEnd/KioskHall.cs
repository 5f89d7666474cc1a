using System.Net.Http.Json;
using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.Kiosk.Tests.EndToEnd;

/// <summary>
/// A real hall for the kiosk: queue-server with its embedded broker, device-sim emulators for the
/// ID-card reader, scanner and printer on ptys, and the kiosk app wired to them — all child
/// processes talking over the real protocols.
/// </summary>
public class KioskHall : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public SimProcess Reader { get; private set; } = null!;

    public SimProcess Scanner { get; private set; } = null!;

    public SimProcess Printer { get; private set; } = null!;

    public AppProcess Kiosk { get; private set; } = null!;

    public string Receipts { get; } = TempDir.Create("receipts");

    /// <summary>Where the kiosk writes what it reads aloud (<c>Kiosk:Voice:OutDir</c>), one WAV per utterance.</summary>
    public string Speech { get; } = TempDir.Create("kiosk-speech");

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The hall the server runs and the kiosk stands in.</summary>
    public virtual SampleHall Hall => SampleHall.Town;

    /// <summary>Extra kiosk settings of a derived hall.</summary>
    protected virtual IReadOnlyDictionary<string, string> KioskSettings => new Dictionary<string, string>();

    /// <summary>Extra server settings of a derived hall (another hall file, its kiosk's account).</summary>
    protected virtual IReadOnlyDictionary<string, string> ServerSettings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync(settings: ServerSettings);
        Reader = await SimProcess.StartAsync("id-card");
        Scanner = await SimProcess.StartAsync("scanner");
        Printer = await SimProcess.StartAsync("printer", "--out", Receipts);
        var settings = new Dictionary<string, string>
        {
            ["Mqtt:Port"] = Server.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kiosk:IdCardReader:Port"] = Reader.HostPort!,
            ["Kiosk:Scanner:Port"] = Scanner.HostPort!,
            ["Kiosk:Printer:Port"] = Printer.HostPort!,
            ["Kiosk:RequestTimeout"] = "00:00:01",
            ["Kiosk:Voice:OutDir"] = Speech,
        };
        foreach (var (key, value) in KioskSettings)
        {
            settings[key] = value;
        }

        Kiosk = await AppProcess.StartAsync("kiosk/HallDevices.Kiosk", settings, "Kiosk:Urls");
        Http = new HttpClient { BaseAddress = Kiosk.BaseUri };
        await WaitForStateAsync(s => s.GetProperty("catalog").ValueKind == JsonValueKind.Object);
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await Kiosk.DisposeAsync();
        await Printer.DisposeAsync();
        await Scanner.DisposeAsync();
        await Reader.DisposeAsync();
        await Server.DisposeAsync();
    }

    public async Task<JsonElement> StateAsync() => await Http.GetFromJsonAsync<JsonElement>("/api/state");

    /// <summary>Waits until the kiosk's state satisfies <paramref name="condition"/>.</summary>
    public async Task<JsonElement> WaitForStateAsync(Func<JsonElement, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        JsonElement state = default;
        while (DateTime.UtcNow < deadline)
        {
            state = await StateAsync();
            if (condition(state))
            {
                return state;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"kiosk state never matched; last: {state}\n--- kiosk log:\n{Kiosk.Output}");
    }

    public Task<JsonElement> WaitForScreenAsync(string screen) =>
        WaitForStateAsync(s => s.GetProperty("view").GetProperty("screen").GetString() == screen);

    public async Task ChooseAsync(string serviceId) =>
        (await Http.PostAsJsonAsync("/api/choose", new { serviceId })).EnsureSuccessStatusCode();

    public async Task BackToStartAsync()
    {
        await Reader.SendAsync("remove");
        (await Http.PostAsync(new Uri("/api/cancel", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await WaitForScreenAsync("start");
    }

    public int ReceiptCount => Directory.GetFiles(Receipts, "receipt-*.png").Length;

    /// <summary>The utterances written so far (<c>say-NNNN-{zh|en}.wav</c>), oldest first.</summary>
    public string[] SpeechFiles() => [.. Directory.GetFiles(Speech, "say-*.wav").Order(StringComparer.Ordinal)];

    /// <summary>Waits for an utterance after the first <paramref name="already"/> ones, in <paramref name="language"/>; returns its file.</summary>
    public async Task<string> WaitForSpeechAsync(int already, string language)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var next = SpeechFiles().Skip(already).FirstOrDefault(f => f.EndsWith($"-{language}.wav", StringComparison.Ordinal));
            if (next is not null)
            {
                return next;
            }

            Assert.True(DateTime.UtcNow < deadline, $"nothing was read aloud in {language} within 20 s; files: {string.Join(", ", SpeechFiles().Select(Path.GetFileName))}\n--- kiosk log:\n{Kiosk.Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for receipt <paramref name="number"/> to be in the folder (the emulator moves each one in whole).</summary>
    public async Task<string> WaitForReceiptAsync(int number)
    {
        var path = Path.Combine(Receipts, $"receipt-{number:0000}.png");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(path))
        {
            Assert.True(DateTime.UtcNow < deadline, $"receipt {path} was not printed within 20 s");
            await Task.Delay(50);
        }

        return path;
    }

    /// <summary>The server's view of a ticket, as the hall's integrator sees it (with the masked ID, which the public lookup leaves out).</summary>
    public async Task<JsonElement> ServerTicketAsync(string number)
    {
        using var http = StaffSessions.Integrator(Server.BaseUri);
        return (await http.GetFromJsonAsync<JsonElement>($"/api/halls/{Hall.Id}/tickets/{number}")).GetProperty("ticket");
    }

    /// <summary>
    /// The receipt's QR is the server's tracking link of the ticket plus its tracking token
    /// (<c>?k=</c>, 22 base64url characters): only the issue reply carries the token, so the
    /// ticket looked up by number has the link without it.
    /// </summary>
    public static void AssertTrackingQr(JsonElement onServer, string? decoded) =>
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(onServer.GetProperty("trackUrl").GetString()!) + @"\?k=[A-Za-z0-9_-]{22}$", decoded ?? "(no QR read)");
}

/// <summary>
/// The village agent station (春申村便民服务代办点, <c>sample-village.json</c>) on a server of its own,
/// with its kiosk on that hall's sample account.
/// </summary>
public sealed class VillageKioskHall : KioskHall
{
    public override SampleHall Hall => SampleHall.Village;

    // The server's sample accounts include the village kiosk's (kiosk-chunshen).
    protected override IReadOnlyDictionary<string, string> ServerSettings => new Dictionary<string, string>
    {
        ["Hall:ConfigFile"] = "halls/sample-village.json",
    };

    protected override IReadOnlyDictionary<string, string> KioskSettings => new Dictionary<string, string>
    {
        ["Kiosk:HallId"] = "chunshen",
        ["Kiosk:DeviceId"] = "kiosk-chunshen",
        ["Mqtt:Username"] = "kiosk-chunshen",
        ["Mqtt:Password"] = "sample-kiosk-chunshen",
    };
}

[CollectionDefinition("village kiosk hall")]
public sealed class VillageKioskHallCollection : ICollectionFixture<VillageKioskHall>;
