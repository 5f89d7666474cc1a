using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// The rules behind the matrix that need more than one caller or a particular state: anti-forgery
/// on cookie changes, one staff member at one counter, signing in only as oneself, and the public
/// pages. Each test works its own counters of the shared server.
/// </summary>
public sealed class AccessRulesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Uri Server => fixture.Server.BaseUri;

    [Fact]
    public async Task A_cookie_session_change_without_the_csrf_header_is_refused_with_400_antiforgery_failed()
    {
        using var staff = await StaffSessions.SignInAsync(Server, "staff-w6");
        staff.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        var (status, code) = await PostAsync(staff, "/api/halls/xinqiao/counters/w6/login");

        Assert.Equal((400, ErrorCodes.AntiforgeryFailed), (status, code));
        Assert.Equal("closed", await CounterStatusAsync("w6"));
    }

    [Fact]
    public async Task Window_staff_may_not_act_at_a_counter_where_another_staff_member_is_signed_in()
    {
        using var li = await StaffSessions.SignInAsync(Server, "staff-w2");
        using var zhang = await StaffSessions.SignInAsync(Server, "staff-w1");
        Assert.Equal((200, null), await PostAsync(li, "/api/halls/xinqiao/counters/w2/login"));

        Assert.Equal((403, ErrorCodes.Forbidden), await PostAsync(zhang, "/api/halls/xinqiao/counters/w2/call-next"));
        Assert.Equal((403, ErrorCodes.Forbidden), await PostAsync(zhang, "/api/halls/xinqiao/counters/w2/pause"));
        Assert.Equal((403, ErrorCodes.Forbidden), await PostAsync(zhang, "/api/halls/xinqiao/counters/w2/logout"));
        Assert.Equal("idle", await CounterStatusAsync("w2"));

        // Nor take the counter over by signing in there: the engine says it is occupied.
        Assert.Equal((422, ErrorCodes.CounterOccupied), await PostAsync(zhang, "/api/halls/xinqiao/counters/w2/login"));
        Assert.Equal((200, null), await PostAsync(li, "/api/halls/xinqiao/counters/w2/logout"));
    }

    [Fact]
    public async Task Window_staff_may_sign_in_at_a_counter_only_as_themselves()
    {
        using var wang = await StaffSessions.SignInAsync(Server, "staff-w3");

        var (status, code) = await PostAsync(wang, "/api/halls/xinqiao/counters/w3/login", """{"staffId":"staff-w4"}""");

        Assert.Equal((403, ErrorCodes.Forbidden), (status, code));
        Assert.Equal("closed", await CounterStatusAsync("w3"));
    }

    [Fact]
    public async Task The_hall_manager_may_sign_a_staff_member_in_at_any_counter_who_then_works_it()
    {
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);
        using var zhao = await StaffSessions.SignInAsync(Server, "staff-w4");

        Assert.Equal((200, null), await PostAsync(manager, "/api/halls/xinqiao/counters/w4/login", """{"staffId":"staff-w4"}"""));
        Assert.Equal((200, null), await PostAsync(zhao, "/api/halls/xinqiao/counters/w4/pause"));
        Assert.Equal((200, null), await PostAsync(manager, "/api/halls/xinqiao/counters/w4/resume"));
        Assert.Equal((403, ErrorCodes.Forbidden), await PostAsync(manager, "/api/halls/xinqiao/counters/w4/login", """{"staffId":"not-an-account"}"""));
        Assert.Equal((200, null), await PostAsync(zhao, "/api/halls/xinqiao/counters/w4/logout"));
    }

    [Fact]
    public async Task An_integrator_key_may_not_act_at_a_counter()
    {
        using var platform = StaffSessions.Integrator(Server);

        Assert.Equal((403, ErrorCodes.Forbidden), await PostAsync(platform, "/api/halls/xinqiao/counters/w5/login", """{"staffId":"staff-w5"}"""));
        Assert.Equal((403, ErrorCodes.Forbidden), await PostAsync(platform, "/api/halls/xinqiao/counters/w5/call-next"));
        Assert.Equal("closed", await CounterStatusAsync("w5"));
    }

    [Fact]
    public async Task The_tracking_page_and_the_ticket_lookup_of_a_real_ticket_stay_public()
    {
        using var platform = StaffSessions.Integrator(Server);
        var issued = await platform.PostAsJsonAsync("/api/halls/xinqiao/tickets", new { serviceId = "consultation", channel = "mobile" });
        var number = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetProperty("number").GetString()!;
        using var citizen = new HttpClient { BaseAddress = Server };

        var page = await citizen.GetAsync(new Uri($"/t/xinqiao/{number}", UriKind.Relative));
        var ticket = await citizen.GetFromJsonAsync<JsonElement>($"/api/halls/xinqiao/tickets/{number}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(number, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("waiting", ticket.GetProperty("ticket").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_login_post_that_is_not_the_form_is_a_400_page_not_a_server_error()
    {
        using var client = new HttpClient { BaseAddress = Server };

        var json = await client.PostAsync(new Uri("/staff/login", UriKind.Relative), new StringContent("""{"username":"manager","password":"sample-manager"}""", Encoding.UTF8, "application/json"));
        var empty = await client.PostAsync(new Uri("/staff/login", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("<form", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_integrator_may_not_issue_a_green_channel_ticket_but_the_hall_manager_may()
    {
        using var platform = StaffSessions.Integrator(Server);
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);
        const string Green = """{"serviceId":"consultation","channel":"console","priority":"green-channel"}""";

        Assert.Equal((403, ErrorCodes.Forbidden), await PostAsync(platform, "/api/halls/xinqiao/tickets", Green));
        Assert.Equal((200, null), await PostAsync(manager, "/api/halls/xinqiao/tickets", Green));
    }

    [Fact]
    public async Task A_body_over_16_KiB_is_refused_with_413_payload_too_large_and_changes_nothing()
    {
        using var platform = StaffSessions.Integrator(Server);
        var huge = $$"""{"serviceId":"consultation","channel":"mobile","deviceId":"{{new string('x', 17 * 1024)}}"}""";

        Assert.Equal((413, ErrorCodes.PayloadTooLarge), await PostAsync(platform, "/api/halls/xinqiao/tickets", huge));
    }

    [Fact]
    public async Task Window_staff_may_reinstate_only_at_the_counter_where_they_are_signed_in()
    {
        using var wang = await StaffSessions.SignInAsync(Server, "staff-w3");

        Assert.Equal((403, ErrorCodes.Forbidden), await PostAsync(wang, "/api/halls/xinqiao/counters/w3/reinstate", """{"ticketNumber":"D001"}"""));
    }

    [Fact]
    public async Task The_hall_manager_may_not_sign_the_district_viewer_in_at_a_counter()
    {
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);

        Assert.Equal((403, ErrorCodes.Forbidden), await PostAsync(manager, "/api/halls/xinqiao/counters/w3/login", """{"staffId":"district"}"""));
        Assert.Equal("closed", await CounterStatusAsync("w3"));
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task A_return_url_that_is_not_a_path_of_this_server_is_replaced_by_the_home_page(string returnUrl)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = Server };
        var form = await client.GetStringAsync(new Uri("/staff/login", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var response = await client.PostAsync(new Uri("/staff/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["username"] = "staff-w6",
            ["password"] = StaffSessions.SamplePassword("staff-w6"),
            ["returnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console", response.Headers.Location?.OriginalString);
    }

    private async Task<string?> CounterStatusAsync(string counterId)
    {
        using var anyone = new HttpClient { BaseAddress = Server };
        var counters = await anyone.GetFromJsonAsync<JsonElement>("/api/halls/xinqiao/counters");
        return counters.EnumerateArray().Single(c => c.GetProperty("counterId").GetString() == counterId).GetProperty("status").GetString();
    }

    private static async Task<(int Status, string? Code)> PostAsync(HttpClient client, string path, string? json = null)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = reply.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e.GetProperty("code").GetString() : null;
        return ((int)response.StatusCode, code);
    }
}
