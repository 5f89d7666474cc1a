using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Reports;

/// <summary>
/// The report endpoints of a real server (docs/http-api.md "Reports"): a hall's report as JSON,
/// CSV, PDF and charts, its exported log, a district's bulletin with a town run by another server
/// imported from that server's export, and who may read them.
/// </summary>
public sealed class ReportEndpointsTests(ReportServerFixture fixture) : IClassFixture<ReportServerFixture>
{
    private Uri Server => fixture.Server.BaseUri;

    [Fact]
    public async Task The_managers_report_of_the_day_counts_the_tickets_issued_and_served_that_day()
    {
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);

        using var response = await manager.GetAsync(new Uri($"/api/halls/xinqiao/reports?day={ReportHall.Day}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var total = json.RootElement.GetProperty("total");
        Assert.Equal((3, 2), (total.GetProperty("issued").GetInt32(), total.GetProperty("served").GetInt32()));
    }

    [Fact]
    public async Task A_report_with_no_period_is_of_the_hall_clocks_today_and_one_of_another_month_is_empty()
    {
        using var district = await StaffSessions.SignInAsync(Server, StaffSessions.DistrictViewer);

        using var today = JsonDocument.Parse(await district.GetStringAsync(new Uri("/api/halls/xinqiao/reports", UriKind.Relative)));
        using var october = JsonDocument.Parse(await district.GetStringAsync(new Uri("/api/halls/xinqiao/reports?month=2026-10", UriKind.Relative)));

        Assert.Equal(3, today.RootElement.GetProperty("total").GetProperty("issued").GetInt32());
        Assert.Equal(0, october.RootElement.GetProperty("total").GetProperty("issued").GetInt32());
    }

    [Fact]
    public async Task The_csv_report_is_an_attachment_named_by_hall_and_month_in_utf8_with_a_bom()
    {
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);

        using var response = await manager.GetAsync(new Uri($"/api/halls/xinqiao/reports?month={ReportHall.Month}&format=csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("text/csv", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        Assert.Equal(("attachment", "xinqiao-2026-11.csv"), (response.Content.Headers.ContentDisposition?.DispositionType, response.Content.Headers.ContentDisposition?.FileName?.Trim('"')));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        Assert.Contains("评价率", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_report_reads_back_as_text_with_the_halls_name()
    {
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);

        using var response = await manager.GetAsync(new Uri($"/api/halls/xinqiao/reports?day={ReportHall.Day}&format=pdf", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("xinqiao-2026-11-03.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var pdf = Path.Combine(TempDir.Create("report-pdf"), "report.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("新桥镇为民服务中心", PdfText(pdf), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hourly")]
    [InlineData("waits")]
    [InlineData("counters")]
    [InlineData("ratings")]
    public async Task Each_chart_is_a_png_of_the_size_asked_for(string chart)
    {
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);

        using var response = await manager.GetAsync(new Uri($"/api/halls/xinqiao/reports/charts/{chart}.png?day={ReportHall.Day}&width=640&height=360", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((640, 360), PngSize(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_chart_that_does_not_exist_is_404_unknown_chart()
    {
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);

        var (status, code) = await GetAsync(manager, $"/api/halls/xinqiao/reports/charts/pie.png?day={ReportHall.Day}");

        Assert.Equal((404, ErrorCodes.UnknownChart), (status, code));
    }

    [Theory]
    [InlineData("day=2026-13-01")]
    [InlineData("month=November")]
    [InlineData("from=2026-11-01")]
    [InlineData("from=2026-11-15&to=2026-11-01")]
    [InlineData("day=2026-11-03&month=2026-11")]
    public async Task A_bad_period_is_400_invalid_period(string query)
    {
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);

        var (status, code) = await GetAsync(manager, $"/api/halls/xinqiao/reports?{query}");

        Assert.Equal((400, ErrorCodes.InvalidPeriod), (status, code));
    }

    [Fact]
    public async Task Window_staff_may_not_read_reports_and_a_manager_may_not_read_another_halls_or_the_districts()
    {
        using var staff = await StaffSessions.SignInAsync(Server, "staff-w1");
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);
        using var anonymous = new HttpClient { BaseAddress = Server };

        Assert.Equal((403, ErrorCodes.Forbidden), await GetAsync(staff, "/api/halls/xinqiao/reports?format=csv"));
        Assert.Equal((403, ErrorCodes.Forbidden), await GetAsync(staff, "/api/halls/xinqiao/events/export"));
        Assert.Equal((403, ErrorCodes.Forbidden), await GetAsync(manager, "/api/halls/dongcun/reports"));
        Assert.Equal((403, ErrorCodes.Forbidden), await GetAsync(manager, $"/api/districts/{ReportHall.District}/bulletin?month={ReportHall.Month}"));
        Assert.Equal((401, ErrorCodes.NotSignedIn), await GetAsync(anonymous, "/api/halls/xinqiao/reports"));
    }

    [Fact]
    public async Task The_exported_log_is_json_lines_a_header_then_every_event_of_the_period()
    {
        using var district = await StaffSessions.SignInAsync(Server, StaffSessions.DistrictViewer);

        using var response = await district.GetAsync(new Uri($"/api/halls/xinqiao/events/export?day={ReportHall.Day}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("xinqiao-2026-11-03.jsonl", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, events.Count(e => e.GetProperty("type").GetString() == "ticket-issued"));
        Assert.Equal(2, events.Count(e => e.GetProperty("type").GetString() == "ticket-finished"));
        Assert.Equal(events.Select(e => e.GetProperty("sequence").GetInt64()).Order(), events.Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task The_bulletin_ranks_the_districts_hall_here_beside_the_town_imported_from_its_own_server()
    {
        using var district = await StaffSessions.SignInAsync(Server, StaffSessions.DistrictViewer);

        using var import = await PostLogAsync(district, fixture.OtherTownLog);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        using (var reply = JsonDocument.Parse(await import.Content.ReadAsStringAsync()))
        {
            Assert.Equal((ReportHall.OtherHall, ReportHall.Month), (reply.RootElement.GetProperty("hallId").GetString(), reply.RootElement.GetProperty("period").GetString()));
        }

        using var bulletin = JsonDocument.Parse(await district.GetStringAsync(new Uri($"/api/districts/{ReportHall.District}/bulletin?month={ReportHall.Month}", UriKind.Relative)));
        var issued = BulletinRows(bulletin.RootElement).ToDictionary(r => r.GetProperty("hallId").GetString()!, r => r.GetProperty("figures").GetProperty("issued").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["xinqiao"] = 3, [ReportHall.OtherHall] = 4 }, issued);

        using var csv = await district.GetAsync(new Uri($"/api/districts/{ReportHall.District}/bulletin?month={ReportHall.Month}&format=csv", UriKind.Relative));
        Assert.Equal("songjiang-2026-11.csv", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("东村为民服务站", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_that_is_not_an_event_log_is_400_invalid_import_naming_the_line()
    {
        using var district = await StaffSessions.SignInAsync(Server, StaffSessions.DistrictViewer);
        var lines = Encoding.UTF8.GetString(fixture.OtherTownLog).Split('\n');
        lines[2] = "{\"type\":\"ticket-issued\",\"sequence\":";

        using var response = await PostLogAsync(district, Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(ErrorCodes.InvalidImport, error.GetProperty("code").GetString());
        Assert.Contains("line 3", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_of_a_hall_this_server_runs_or_of_another_district_is_400_invalid_import()
    {
        using var district = await StaffSessions.SignInAsync(Server, StaffSessions.DistrictViewer);
        var own = await district.GetByteArrayAsync(new Uri($"/api/halls/xinqiao/events/export?month={ReportHall.Month}", UriKind.Relative));

        using var ownImport = await PostLogAsync(district, own);
        using var elsewhere = await PostLogAsync(district, fixture.OtherTownLog, "qingpu");

        Assert.Equal(HttpStatusCode.BadRequest, ownImport.StatusCode);
        Assert.Contains("run by this server", await ownImport.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains(ErrorCodes.InvalidImport, await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_over_the_limit_is_413_whether_or_not_it_says_its_length()
    {
        using var district = await StaffSessions.SignInAsync(Server, StaffSessions.DistrictViewer);
        var big = new byte[ReportServerFixture.MaxImportBytes + 1];

        using var declared = await PostLogAsync(district, big);
        using var chunked = await PostLogAsync(district, big, chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Contains(ErrorCodes.PayloadTooLarge, await chunked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imports_are_for_district_viewers_only_and_an_unknown_district_has_no_bulletin()
    {
        using var manager = await StaffSessions.SignInAsync(Server, StaffSessions.Manager);
        using var district = await StaffSessions.SignInAsync(Server, StaffSessions.DistrictViewer);

        using var refused = await PostLogAsync(manager, fixture.OtherTownLog);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal((404, ErrorCodes.UnknownDistrict), await GetAsync(district, $"/api/districts/nowhere/bulletin?month={ReportHall.Month}"));
    }

    private static IEnumerable<JsonElement> BulletinRows(JsonElement bulletin) => bulletin.GetProperty("rows").EnumerateArray();

    private static async Task<HttpResponseMessage> PostLogAsync(HttpClient client, byte[] log, string district = ReportHall.District, bool chunked = false)
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStream(log)) : new ByteArrayContent(log);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        if (chunked)
        {
            content.Headers.ContentLength = null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/districts/{district}/imports", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        return await client.SendAsync(request);
    }

    private static async Task<(int Status, string? Code)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var code = response.Content.Headers.ContentType?.MediaType == "application/json"
            && JsonDocument.Parse(body).RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
            ? e.GetProperty("code").GetString()
            : null;
        return ((int)response.StatusCode, code);
    }

    /// <summary>The PNG's width and height, from its IHDR chunk.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>The PDF's text, read back by poppler's pdftotext.</summary>
    internal static string PdfText(string pdf)
    {
        using var p = Process.Start(new ProcessStartInfo("pdftotext", [pdf, "-"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return text;
    }
}
