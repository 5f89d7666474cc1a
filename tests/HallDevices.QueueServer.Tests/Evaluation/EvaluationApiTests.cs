using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.QueueServer.Tests.Access;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Evaluation;

/// <summary>
/// 好差评 over HTTP against a real server: the console's and the phone's ratings, who may call what,
/// what the public and window staff do not see, and the follow-up of a bad rating. Each test serves
/// its cases at w5 (the rural queue: no ID card needed) and signs out at the end.
/// </summary>
public sealed class EvaluationApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Uri Server => fixture.Server.BaseUri;

    [Fact]
    public async Task The_console_rates_the_case_its_counter_served_once_and_a_bad_rating_says_when_its_follow_up_is_due()
    {
        using var staff = await AtCounterAsync("staff-w5", "w5");
        try
        {
            var (number, token) = await ServeAsync(staff, "w5");

            var rated = await staff.PostAsJsonAsync("/api/halls/xinqiao/counters/w5/evaluation", new { ticketNumber = number, score = 2, reasonIds = new[] { "long-wait" } });
            var again = await staff.PostAsJsonAsync("/api/halls/xinqiao/counters/w5/evaluation", new { ticketNumber = number, score = 5 });
            var online = await Citizen().PostAsJsonAsync($"/t/xinqiao/{number}/evaluation?k={token}", new { score = 5 });

            Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
            var reply = await rated.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((2, "不满意", "Dissatisfied"), (reply.GetProperty("level").GetInt32(), reply.GetProperty("levelName").GetString(), reply.GetProperty("levelNameEn").GetString()));
            Assert.True(DateOnly.TryParse(reply.GetProperty("followUpDue").GetString(), System.Globalization.CultureInfo.InvariantCulture, out var due) && due > DateOnly.FromDateTime(DateTime.Today));
            Assert.Equal((422, ErrorCodes.AlreadyEvaluated), await CodeAsync(again));
            Assert.Equal((422, ErrorCodes.AlreadyEvaluated), await CodeAsync(online));
        }
        finally
        {
            await staff.PostAsync(new Uri("/api/halls/xinqiao/counters/w5/logout", UriKind.Relative), null);
        }
    }

    [Fact]
    public async Task Window_staff_not_signed_in_at_the_counter_get_403_and_a_caller_without_a_session_401()
    {
        using var staff = await AtCounterAsync("staff-w5", "w5");
        using var other = await StaffSessions.SignInAsync(Server, "staff-w6");
        using var platform = StaffSessions.Integrator(Server);
        try
        {
            var (number, _) = await ServeAsync(staff, "w5");
            var body = new { ticketNumber = number, score = 5 };

            Assert.Equal((403, ErrorCodes.Forbidden), await CodeAsync(await other.PostAsJsonAsync("/api/halls/xinqiao/counters/w5/evaluation", body)));
            Assert.Equal((401, ErrorCodes.NotSignedIn), await CodeAsync(await Citizen().PostAsJsonAsync("/api/halls/xinqiao/counters/w5/evaluation", body)));
            Assert.Equal((403, ErrorCodes.Forbidden), await CodeAsync(await platform.PostAsJsonAsync("/api/halls/xinqiao/counters/w5/evaluation", body)));
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/halls/xinqiao/counters/w5/evaluation", body)).StatusCode);
        }
        finally
        {
            await staff.PostAsync(new Uri("/api/halls/xinqiao/counters/w5/logout", UriKind.Relative), null);
        }
    }

    [Fact]
    public async Task The_tracking_link_carries_the_token_that_rates_online_and_a_wrong_or_missing_token_is_404()
    {
        using var staff = await AtCounterAsync("staff-w5", "w5");
        var citizen = Citizen();
        try
        {
            var (number, token) = await ServeAsync(staff, "w5");
            var (formNumber, formToken) = await ServeAsync(staff, "w5");
            var looked = await citizen.GetFromJsonAsync<JsonElement>($"/api/halls/xinqiao/tickets/{number}");

            Assert.Equal(22, token.Length); // 128 bits, base64url
            Assert.EndsWith($"/t/xinqiao/{number}", looked.GetProperty("ticket").GetProperty("trackUrl").GetString(), StringComparison.Ordinal);
            Assert.Equal((404, ErrorCodes.UnknownTicket), await CodeAsync(await citizen.PostAsJsonAsync($"/t/xinqiao/{number}/evaluation?k={formToken}", new { score = 5 })));
            Assert.Equal((404, ErrorCodes.UnknownTicket), await CodeAsync(await citizen.PostAsJsonAsync($"/t/xinqiao/{number}/evaluation", new { score = 5 })));
            Assert.Equal((404, ErrorCodes.UnknownTicket), await CodeAsync(await citizen.PostAsJsonAsync($"/t/xinqiao/{number}/evaluation?k={token}x", new { score = 5 })));

            var json = await citizen.PostAsJsonAsync($"/t/xinqiao/{number}/evaluation?k={token}", new { score = 1, reasonIds = new[] { "attitude" }, reasonText = "态度冷淡" });
            var form = await citizen.PostAsync(new Uri($"/t/xinqiao/{formNumber}/evaluation?k={formToken}", UriKind.Relative), Form(("score", "4")));
            var formAgain = await citizen.PostAsync(new Uri($"/t/xinqiao/{formNumber}/evaluation?k={formToken}", UriKind.Relative), Form(("score", "1"), ("reasonIds", "long-wait")));

            Assert.Equal(HttpStatusCode.OK, json.StatusCode);
            Assert.Equal(1, (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("level").GetInt32());
            Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
            Assert.Equal($"/t/xinqiao/{formNumber}?k={formToken}", form.Headers.Location?.OriginalString);
            Assert.Equal($"/t/xinqiao/{formNumber}?k={formToken}&error=already-evaluated", formAgain.Headers.Location?.OriginalString);
        }
        finally
        {
            await staff.PostAsync(new Uri("/api/halls/xinqiao/counters/w5/logout", UriKind.Relative), null);
        }
    }

    [Fact]
    public async Task The_events_endpoint_shows_ratings_to_those_who_oversee_the_hall_only_and_follow_ups_to_nobody()
    {
        using var staff = await AtCounterAsync("staff-w5", "w5");
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);
        using var district = await StaffSessions.SignInAsync(Server, StaffSessions.DistrictViewer);
        try
        {
            var (number, _) = await ServeAsync(staff, "w5");
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/halls/xinqiao/counters/w5/evaluation", new { ticketNumber = number, score = 1 })).StatusCode);

            var asPublic = await TypesAsync(Citizen());
            var asStaff = await TypesAsync(staff);
            var asManager = await TypesAsync(manager);
            var asDistrict = await TypesAsync(district);
            var snapshot = await staff.GetStringAsync(new Uri("/api/halls/xinqiao/snapshot", UriKind.Relative));

            Assert.Contains("ticket-finished", asPublic);
            Assert.DoesNotContain("evaluation", asPublic);
            Assert.DoesNotContain("evaluation", asStaff);
            Assert.Contains("evaluation", asManager);
            Assert.Contains("evaluation", asDistrict);
            string[] records = ["follow-up-opened", "follow-up-recorded", "evaluation-appealed", "appeal-reviewed"];
            Assert.All(records, r => Assert.DoesNotContain(r, asManager.Concat(asPublic)));
            Assert.DoesNotContain("score", snapshot, StringComparison.Ordinal);
            var rating = (await manager.GetFromJsonAsync<JsonElement[]>("/api/halls/xinqiao/events?limit=5000"))!.Last(e => e.GetProperty("type").GetString() == "evaluation");
            Assert.Equal(("console", "w5"), (rating.GetProperty("channel").GetString(), rating.GetProperty("counterId").GetString()));
            Assert.False(rating.TryGetProperty("staffId", out _));
        }
        finally
        {
            await staff.PostAsync(new Uri("/api/halls/xinqiao/counters/w5/logout", UriKind.Relative), null);
        }
    }

    [Fact]
    public async Task A_page_of_events_is_filled_past_the_ratings_the_public_does_not_see()
    {
        using var staff = await AtCounterAsync("staff-w5", "w5");
        try
        {
            var (number, _) = await ServeAsync(staff, "w5");
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/halls/xinqiao/counters/w5/evaluation", new { ticketNumber = number, score = 2 })).StatusCode);
            await staff.PostAsync(new Uri("/api/halls/xinqiao/counters/w5/logout", UriKind.Relative), null);
            var all = (await Citizen().GetFromJsonAsync<JsonElement[]>("/api/halls/xinqiao/events?limit=5000"))!;
            var finished = all.Last(e => e.GetProperty("type").GetString() == "ticket-finished").GetProperty("sequence").GetInt64();

            // After the finish come the rating and its follow-up (hidden), then the logout.
            var next = (await Citizen().GetFromJsonAsync<JsonElement[]>($"/api/halls/xinqiao/events?after={finished}&limit=1"))!;

            var e = Assert.Single(next);
            Assert.Equal("counter-changed", e.GetProperty("type").GetString());
            Assert.Equal(finished + 3, e.GetProperty("sequence").GetInt64());
        }
        finally
        {
            await staff.PostAsync(new Uri("/api/halls/xinqiao/counters/w5/logout", UriKind.Relative), null);
        }
    }

    [Fact]
    public async Task Window_staff_see_the_level_counts_of_their_counter_and_of_themselves_never_which_case_gave_which()
    {
        using var staff = await AtCounterAsync("staff-w5", "w5");
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);
        try
        {
            var before = await staff.GetFromJsonAsync<JsonElement>("/api/halls/xinqiao/counters/w5/ratings");
            var (number, _) = await ServeAsync(staff, "w5");
            await staff.PostAsJsonAsync("/api/halls/xinqiao/counters/w5/evaluation", new { ticketNumber = number, score = 4 });

            var body = await staff.GetStringAsync(new Uri("/api/halls/xinqiao/counters/w5/ratings", UriKind.Relative));
            var after = JsonDocument.Parse(body).RootElement;
            var byManager = await manager.GetFromJsonAsync<JsonElement>("/api/halls/xinqiao/counters/w5/ratings");

            Assert.Equal("staff-w5", after.GetProperty("staffId").GetString());
            Assert.Equal(Count(before, "counter", 4) + 1, Count(after, "counter", 4));
            Assert.Equal(Count(before, "staff", 4) + 1, Count(after, "staff", 4));
            Assert.Equal(before.GetProperty("counter").GetProperty("served").GetInt32() + 1, after.GetProperty("counter").GetProperty("served").GetInt32());
            Assert.DoesNotContain(number, body, StringComparison.Ordinal);
            Assert.DoesNotContain("ticket", body, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("staff-w5", byManager.GetProperty("staffId").GetString());
        }
        finally
        {
            await staff.PostAsync(new Uri("/api/halls/xinqiao/counters/w5/logout", UriKind.Relative), null);
        }
    }

    [Fact]
    public async Task A_bad_rating_is_followed_up_in_order_by_the_manager_appealed_by_the_staff_member_rated_and_reviewed_by_the_district()
    {
        using var staff = await AtCounterAsync("staff-w5", "w5");
        using var other = await StaffSessions.SignInAsync(Server, "staff-w6");
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);
        using var district = await StaffSessions.SignInAsync(Server, StaffSessions.DistrictViewer);
        try
        {
            var (number, token) = await ServeAsync(staff, "w5");
            await Citizen().PostAsJsonAsync($"/t/xinqiao/{number}/evaluation?k={token}", new { score = 1, reasonIds = new[] { "attitude" } });
            var open = await manager.GetFromJsonAsync<JsonElement[]>("/api/halls/xinqiao/follow-ups?state=open");
            var listed = open!.Single(f => f.GetProperty("number").GetString() == number);
            var id = listed.GetProperty("ticketId").GetString()!;
            var path = $"/api/halls/xinqiao/follow-ups/{id}";

            Assert.Equal(("5号窗口", "staff-w5", "非常不满意", false), (listed.GetProperty("counterName").GetString(), listed.GetProperty("staffId").GetString(), listed.GetProperty("levelName").GetString(), listed.GetProperty("closed").GetBoolean()));
            Assert.Equal("服务态度不好", listed.GetProperty("reasons")[0].GetProperty("name").GetString());
            Assert.Equal((403, ErrorCodes.Forbidden), await CodeAsync(await staff.GetAsync(new Uri("/api/halls/xinqiao/follow-ups", UriKind.Relative))));
            Assert.Equal((422, ErrorCodes.InvalidRequest), await CodeAsync(await manager.GetAsync(new Uri("/api/halls/xinqiao/follow-ups?state=bogus", UriKind.Relative))));
            Assert.Equal((404, ErrorCodes.UnknownFollowUp), await CodeAsync(await manager.PostAsJsonAsync("/api/halls/xinqiao/follow-ups/20000101-Z001", new { step = "call-back" })));
            Assert.Equal((422, ErrorCodes.FollowUpStepOutOfOrder), await CodeAsync(await manager.PostAsJsonAsync(path, new { step = "rectification", note = "x" })));
            Assert.Equal((403, ErrorCodes.Forbidden), await CodeAsync(await staff.PostAsJsonAsync(path, new { step = "call-back" })));
            var calledBack = await manager.PostAsJsonAsync(path, new { step = "call-back", note = "已电话回访" });
            Assert.Equal(HttpStatusCode.OK, calledBack.StatusCode);
            Assert.Equal("已电话回访", (await calledBack.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("followUp").GetProperty("callBackNote").GetString());

            Assert.Equal((403, ErrorCodes.Forbidden), await CodeAsync(await other.PostAsJsonAsync(path + "/appeal", new { reason = "malicious" })));
            Assert.Equal((403, ErrorCodes.Forbidden), await CodeAsync(await district.PostAsJsonAsync(path + "/appeal", new { reason = "malicious" })));
            Assert.Equal((422, ErrorCodes.NoAppeal), await CodeAsync(await district.PostAsJsonAsync(path + "/review", new { upheld = true })));
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync(path + "/appeal", new { reason = "malicious", note = "群众来电承认误评" })).StatusCode);
            Assert.Equal((422, ErrorCodes.AlreadyAppealed), await CodeAsync(await manager.PostAsJsonAsync(path + "/appeal", new { reason = "mistaken" })));
            Assert.Equal((403, ErrorCodes.Forbidden), await CodeAsync(await staff.PostAsJsonAsync(path + "/review", new { upheld = true })));
            var reviewed = await district.PostAsJsonAsync(path + "/review", new { upheld = true, note = "录音核实" });

            var followUp = (await reviewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("followUp");
            Assert.Equal(("upheld", true), (followUp.GetProperty("appeal").GetString(), followUp.GetProperty("closed").GetBoolean()));
            Assert.Contains((await manager.GetFromJsonAsync<JsonElement[]>("/api/halls/xinqiao/follow-ups?state=closed"))!, f => f.GetProperty("ticketId").GetString() == id);
            Assert.DoesNotContain((await manager.GetFromJsonAsync<JsonElement[]>("/api/halls/xinqiao/follow-ups"))!, f => f.GetProperty("ticketId").GetString() == id);
            Assert.Equal((422, ErrorCodes.FollowUpClosed), await CodeAsync(await manager.PostAsJsonAsync(path, new { step = "rectification" })));
        }
        finally
        {
            await staff.PostAsync(new Uri("/api/halls/xinqiao/counters/w5/logout", UriKind.Relative), null);
        }
    }

    private static int Count(JsonElement ratings, string of, int score) =>
        ratings.GetProperty(of).GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("score").GetInt32() == score).GetProperty("count").GetInt32();

    private static async Task<List<string>> TypesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement[]>("/api/halls/xinqiao/events?limit=5000"))!.Select(e => e.GetProperty("type").GetString()!).ToList();

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static async Task<(int Status, string? Code)> CodeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        return ((int)response.StatusCode, json.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e.GetProperty("code").GetString() : null);
    }

    private HttpClient Citizen() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server };

    private async Task<HttpClient> AtCounterAsync(string staffId, string counter)
    {
        var staff = await StaffSessions.SignInAsync(Server, staffId);
        var login = await staff.PostAsync(new Uri($"/api/halls/xinqiao/counters/{counter}/login", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return staff;
    }

    /// <summary>A citizen takes a ticket on the phone (mobile channel, the platform's key), the counter calls and finishes it: its number and tracking token.</summary>
    private async Task<(string Number, string Token)> ServeAsync(HttpClient staff, string counter)
    {
        using var platform = StaffSessions.Integrator(Server);
        var issued = await platform.PostAsync(new Uri("/api/halls/xinqiao/tickets", UriKind.Relative), new StringContent("""{"serviceId":"consultation","channel":"mobile"}""", Encoding.UTF8, "application/json"));
        var ticket = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket");
        var number = ticket.GetProperty("number").GetString()!;
        var url = new Uri(ticket.GetProperty("trackUrl").GetString()!);
        Assert.Equal($"/t/xinqiao/{number}", url.AbsolutePath);
        var called = await (await staff.PostAsync(new Uri($"/api/halls/xinqiao/counters/{counter}/call-next", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(number, called.GetProperty("ticket").GetProperty("number").GetString());
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync(new Uri($"/api/halls/xinqiao/counters/{counter}/finish", UriKind.Relative), null)).StatusCode);
        return (number, url.Query["?k=".Length..]);
    }
}
