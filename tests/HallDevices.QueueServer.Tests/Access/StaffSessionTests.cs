using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.QueueServer.Http.Access;
using HallDevices.QueueServer.Staff;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// Sessions end: when <c>Staff:SessionMinutes</c> have passed on the hall clock, and when their
/// account changes (a password reset). Outside Development, the server does not start with the
/// sample passwords or the sample API key.
/// </summary>
public sealed class StaffSessionTests
{
    [Fact]
    public async Task A_session_expires_after_Staff_SessionMinutes_on_the_hall_clock_and_the_next_request_is_401()
    {
        // ×12 hall time: the one-minute session lasts five real seconds.
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Staff:SessionMinutes"] = "1",
            ["Clock:Speed"] = "12",
        });
        using var staff = await StaffSessions.SignInAsync(server.BaseUri, "staff-w1");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(new Uri("/staff/session", UriKind.Relative))).StatusCode);

        // No request in between: each one within the session would slide it on.
        await Task.Delay(TimeSpan.FromSeconds(7));

        Assert.Equal((401, ErrorCodes.NotSignedIn), await PostAsync(staff, "/api/halls/xinqiao/counters/w1/login"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync(new Uri("/staff/session", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_the_sessions_signed_in_with_the_old_password()
    {
        await using var fixture = new StaffFileServerScope();
        var server = await fixture.StartAsync();
        using var wang = await StaffSessions.SignInAsync(server.BaseUri, "staff-w3");
        using var zhao = await StaffSessions.SignInAsync(server.BaseUri, "staff-w4");
        Assert.Equal((200, null), await PostAsync(wang, "/api/halls/xinqiao/counters/w3/login"));

        var output = new StringWriter();
        Assert.Equal(0, StaffCli.SetPassword(["staff-w3", $"--Staff:File={fixture.File}"], new StringReader("wang-fang-new-3\n"), output, output));

        Assert.Equal((401, ErrorCodes.NotSignedIn), await PostAsync(wang, "/api/halls/xinqiao/counters/w3/call-next"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wang.GetAsync(new Uri("/staff/session", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await zhao.GetAsync(new Uri("/staff/session", UriKind.Relative))).StatusCode); // another account's session goes on

        // Signed in again with the new password, the same staff member works the counter on.
        using var again = await StaffSessions.SignInAsync(server.BaseUri, "staff-w3", "wang-fang-new-3");
        Assert.Equal((200, null), await PostAsync(again, "/api/halls/xinqiao/counters/w3/pause"));
    }

    [Fact]
    public async Task An_open_live_feed_ends_when_its_accounts_password_is_reset()
    {
        await using var fixture = new StaffFileServerScope();
        var server = await fixture.StartAsync();
        using var wang = await StaffSessions.SignInAsync(server.BaseUri, "staff-w3");
        using var response = await wang.GetAsync(new Uri("/api/halls/xinqiao/live", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var feed = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: {", await feed.ReadLineAsync(), StringComparison.Ordinal);

        var output = new StringWriter();
        Assert.Equal(0, StaffCli.SetPassword(["staff-w3", $"--Staff:File={fixture.File}"], new StringReader("wang-fang-new-3\n"), output, output));
        using var platform = StaffSessions.Integrator(server.BaseUri);
        (await platform.PostAsync(new Uri("/api/halls/xinqiao/tickets", UriKind.Relative), new StringContent("""{"serviceId":"consultation","channel":"mobile"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        // The change wakes the stream, which now finds its session gone and ends (at most what was
        // already on its way is still read).
        var rest = await feed.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(rest.Split("data: ").Length <= 2, $"the stream went on after the reset: {rest.Length} characters");
    }

    [Fact]
    public async Task Sign_ins_past_the_per_address_limit_are_answered_429_with_retry_after()
    {
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string> { ["Staff:SignInsPerMinutePerAddress"] = "3" });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseUri };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await StaffSessions.PostLoginAsync(client, "staff-w1", "wrong-password")).Status);
        }

        using var refused = await client.PostAsync(new Uri("/staff/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "staff-w1", ["password"] = "sample-staff-w1" }));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
    }

    [Fact]
    public async Task A_change_of_counters_ends_the_session_too()
    {
        await using var fixture = new StaffFileServerScope();
        var server = await fixture.StartAsync();
        using var zhao = await StaffSessions.SignInAsync(server.BaseUri, "staff-w4");

        var output = new StringWriter();
        Assert.Equal(0, StaffCli.SetPassword(["staff-w4", "--counters", "w4", $"--Staff:File={fixture.File}"], new StringReader("zhao-lei-new-4\n"), output, output));

        Assert.Equal(HttpStatusCode.Unauthorized, (await zhao.GetAsync(new Uri("/staff/session", UriKind.Relative))).StatusCode);
        using var again = await StaffSessions.SignInAsync(server.BaseUri, "staff-w4", "zhao-lei-new-4");
        var session = await again.GetFromJsonAsync<JsonElement>("/staff/session");
        Assert.Equal(["w4"], session.GetProperty("counters").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Outside_development_the_sample_staff_passwords_stop_start_up_with_exit_2_naming_the_accounts()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(settings: Production()));

        Assert.Contains("exited with 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("still has sample passwords (staff-w1, staff-w2", e.Message, StringComparison.Ordinal);
        Assert.Contains("set-password", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_sample_api_key_stops_start_up_with_exit_2()
    {
        await using var staff = new StaffFileServerScope(realPasswords: true);
        var settings = Production();
        settings["Staff:File"] = staff.File;

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(settings: settings));

        Assert.Contains("exited with 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("Api:Keys still has the sample key", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Api:Keys:0:KeyHash", "not-a-sha256")]
    [InlineData("Api:Keys:0:Name", "Booking Platform")]
    public async Task An_api_key_entry_with_a_bad_hash_or_name_stops_start_up_with_exit_2(string key, string value)
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(settings: new Dictionary<string, string> { [key] = value }));

        Assert.Contains("exited with 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("Api:Keys: every key needs a Name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_real_passwords_and_keys_start_and_the_sample_key_is_nobody()
    {
        await using var staff = new StaffFileServerScope(realPasswords: true);
        var settings = Production();
        settings["Staff:File"] = staff.File;
        settings["Api:Keys:0:KeyHash"] = ApiKeyOptions.HashOf("a-real-platform-key-0123456789");

        await using var server = await ServerProcess.StartAsync(settings: settings);

        using var sample = StaffSessions.Integrator(server.BaseUri);
        using var real = StaffSessions.Integrator(server.BaseUri, "a-real-platform-key-0123456789");
        Assert.Equal((401, ErrorCodes.NotSignedIn), await PostAsync(sample, "/api/halls/xinqiao/tickets", """{"serviceId":"consultation"}"""));
        Assert.Equal((200, null), await PostAsync(real, "/api/halls/xinqiao/tickets", """{"serviceId":"consultation"}"""));
        using var manager = await StaffSessions.SignInAsync(server.BaseUri, "manager", StaffFileServerScope.RealPassword("manager"));
        Assert.Equal((200, null), await PostAsync(manager, "/api/halls/xinqiao/counters/w1/login", """{"staffId":"staff-w1"}"""));
    }

    /// <summary>Production, with every other sample secret replaced, so only the staff and API-key checks are left to refuse.</summary>
    private static Dictionary<string, string> Production()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var settings = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Identity:HashKey"] = key,
            ["Appointments:Key"] = key,
        };
        // Every sample device account gets a real password, however many the sample configuration lists.
        using var appsettings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "queue-server", "HallDevices.QueueServer", "appsettings.json")));
        var accounts = appsettings.RootElement.GetProperty("Mqtt").GetProperty("Accounts").GetArrayLength();
        for (var i = 0; i < accounts; i++)
        {
            settings[$"Mqtt:Accounts:{i}:Password"] = $"test-device-secret-{i}";
        }

        return settings;
    }

    private static async Task<(int Status, string? Code)> PostAsync(HttpClient client, string path, string? json = null)
    {
        using var content = json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = reply.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e.GetProperty("code").GetString() : null;
        return ((int)response.StatusCode, code);
    }

    /// <summary>A temp copy of the sample staff file (optionally with real passwords) and a server on it.</summary>
    private sealed class StaffFileServerScope : IAsyncDisposable
    {
        private readonly string _dir = TempDir.Create("staff");
        private ServerProcess? _server;

        public StaffFileServerScope(bool realPasswords = false)
        {
            File = Path.Combine(_dir, "staff.json");
            var accounts = StaffFile.Read(StaffFileServer.SampleStaffFile);
            StaffFile.Write(File, realPasswords ? [.. accounts.Select(a => a with { PasswordHash = StaffDirectory.Hash(RealPassword(a.Id)) })] : accounts);
        }

        public string File { get; }

        public static string RealPassword(string id) => $"not-the-sample-{id}-9";

        public async Task<ServerProcess> StartAsync() =>
            _server = await ServerProcess.StartAsync(settings: new Dictionary<string, string> { ["Staff:File"] = File });

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }

            Directory.Delete(_dir, recursive: true);
        }
    }
}
