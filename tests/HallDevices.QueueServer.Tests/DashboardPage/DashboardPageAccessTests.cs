using System.Net;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.DashboardPage;

/// <summary>
/// Who gets <c>GET /dashboard</c>, over plain HTTP against a real server: the sign-in page for
/// nobody, the page for managers and district viewers of the hall, a page (not JSON) saying why
/// for everyone else.
/// </summary>
public sealed class DashboardPageAccessTests(DashboardHallFixture hall) : IClassFixture<DashboardHallFixture>
{
    private Uri BaseUri => hall.Server.BaseUri;

    [Fact]
    public async Task Without_a_session_the_dashboard_sends_the_browser_to_the_sign_in_page_which_brings_it_back_with_its_query()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUri };

        using var response = await anonymous.GetAsync(new Uri("/dashboard?hall=xinqiao&lang=en", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/login?returnUrl=%2Fdashboard%3Fhall%3Dxinqiao%26lang%3Den&lang=en", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Managers_and_district_viewers_get_the_page_and_everyone_else_a_page_saying_why()
    {
        using var manager = await StaffSessions.SignInAsync(BaseUri, StaffSessions.Manager);
        using var district = await StaffSessions.SignInAsync(BaseUri, StaffSessions.DistrictViewer);
        using var staff = await StaffSessions.SignInAsync(BaseUri, "staff-w3");
        using var integrator = StaffSessions.Integrator(BaseUri);

        await AssertPageAsync(manager, "/dashboard", HttpStatusCode.OK, "/dashboard/dashboard.js");
        await AssertPageAsync(manager, "/dashboard?hall=xinqiao", HttpStatusCode.OK, "/dashboard/dashboard.js");
        await AssertPageAsync(district, $"/dashboard?hall={DashboardHallFixture.OtherHall}", HttpStatusCode.OK, "/dashboard/dashboard.js");
        await AssertPageAsync(manager, $"/dashboard?hall={DashboardHallFixture.OtherHall}", HttpStatusCode.Forbidden, "您的账号不能查看大厅“dongcun”。");
        await AssertPageAsync(district, "/dashboard?hall=nowhere&lang=en", HttpStatusCode.NotFound, "This server runs no hall &#39;nowhere&#39;.");
        await AssertPageAsync(staff, "/dashboard", HttpStatusCode.Forbidden, "窗口工作人员请使用窗口工作台");
        await AssertPageAsync(integrator, "/dashboard", HttpStatusCode.Forbidden, "管理看板供大厅主任和区县查看人员使用");
    }

    private static async Task AssertPageAsync(HttpClient client, string path, HttpStatusCode status, string contains)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{path} answered {(int)response.StatusCode}, not {(int)status}:\n{body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(contains, body, StringComparison.Ordinal);
    }
}
