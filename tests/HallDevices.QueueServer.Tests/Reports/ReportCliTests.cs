using System.Text;
using System.Text.Json;
using HallDevices.Hosting.Processes;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Reports;

/// <summary>
/// <c>queue-server report</c> and <c>queue-server export-events</c> as an operator runs them: child
/// processes of the built server, on the data folder of a server that ran a morning and stopped.
/// </summary>
public sealed class ReportCliTests(StoppedHalls halls) : IClassFixture<StoppedHalls>
{
    private static string Dll => Path.Combine(Repo.Root, "queue-server", "HallDevices.QueueServer", "bin", Repo.Configuration, "net10.0", "HallDevices.QueueServer.dll");

    [Fact]
    public async Task Report_writes_the_days_csv_pdf_and_json_from_the_stopped_servers_store()
    {
        var folder = TempDir.Create("report-cli");
        var csv = Path.Combine(folder, "day.csv");
        var pdf = Path.Combine(folder, "day.pdf");
        var json = Path.Combine(folder, "day.json");

        var runs = new[]
        {
            await RunAsync("report", "--hall", "xinqiao", "--day", ReportHall.Day, "--out", csv, $"--Storage:Path={halls.Town}"),
            await RunAsync("report", "--hall", "xinqiao", "--day", ReportHall.Day, "--format", "pdf", "--out", pdf, $"--Storage:Path={halls.Town}"),
            await RunAsync("report", "--hall", "xinqiao", "--day", ReportHall.Day, "--format", "json", "--out", json, $"--Storage:Path={halls.Town}"),
        };

        Assert.All(runs, r => Assert.True(r.Exit == 0, r.Output));
        Assert.Contains($"written to {csv}", runs[0].Output, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(csv);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        Assert.Contains("评价率", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Contains("新桥镇为民服务中心", ReportEndpointsTests.PdfText(pdf), StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var total = report.RootElement.GetProperty("total");
        Assert.Equal((3, 2), (total.GetProperty("issued").GetInt32(), total.GetProperty("served").GetInt32()));
    }

    [Fact]
    public async Task While_the_server_runs_report_exits_2_and_points_to_the_http_endpoint()
    {
        await using var server = await ServerProcess.StartAsync(settings: ReportHall.Settings());
        await ReportHall.PlayAsync(server.BaseUri, "xinqiao", issued: 1, served: 0);
        var csv = Path.Combine(TempDir.Create("report-cli"), "day.csv");

        var (exit, output) = await RunAsync("report", "--hall", "xinqiao", "--day", ReportHall.Day, "--out", csv, $"--Storage:Path={server.DataDir}");
        var export = await RunAsync("export-events", "--hall", "xinqiao", "--month", ReportHall.Month, "--out", csv, $"--Storage:Path={server.DataDir}");

        Assert.Equal(2, exit);
        Assert.Contains("the hall's database is in use by a running queue-server; use GET /api/halls/xinqiao/reports", output, StringComparison.Ordinal);
        Assert.Equal(2, export.Exit);
        Assert.Contains("use GET /api/halls/xinqiao/events/export", export.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(csv));

        // The server went on as if nothing had happened.
        using var manager = await StaffSessions.SignInAsync(server.BaseUri, StaffSessions.Manager);
        Assert.Contains("\"issued\":1", await manager.GetStringAsync(new Uri("/api/halls/xinqiao/reports", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_kill_report_counts_every_ticket_the_server_acknowledged()
    {
        await using var server = await ServerProcess.StartAsync(settings: ReportHall.Settings());
        await ReportHall.PlayAsync(server.BaseUri, "xinqiao", issued: 5, served: 3);
        server.KillHard();
        await Task.Delay(500);
        var json = Path.Combine(TempDir.Create("report-cli"), "day.json");

        var (exit, output) = await RunAsync("report", "--hall", "xinqiao", "--day", ReportHall.Day, "--format", "json", "--out", json, $"--Storage:Path={server.DataDir}");

        Assert.True(exit == 0, output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var total = report.RootElement.GetProperty("total");
        Assert.Equal((5, 3), (total.GetProperty("issued").GetInt32(), total.GetProperty("served").GetInt32()));
    }

    [Fact]
    public async Task The_district_report_ranks_the_hall_here_beside_a_town_imported_from_its_export()
    {
        var folder = TempDir.Create("report-cli");
        var log = Path.Combine(folder, "dongcun.jsonl");
        var bulletin = Path.Combine(folder, "bulletin.json");

        var export = await RunAsync("export-events", "--hall", ReportHall.OtherHall, "--month", ReportHall.Month, "--out", log, $"--Storage:Path={halls.OtherTown}", $"--Hall:ConfigFile={halls.OtherTownHallFile}");
        var report = await RunAsync("report", "--district", ReportHall.District, "--month", ReportHall.Month, "--import", log, "--format", "json", "--out", bulletin, $"--Storage:Path={halls.Town}");

        Assert.True(export.Exit == 0, export.Output);
        Assert.True(report.Exit == 0, report.Output);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(bulletin));
        var issued = json.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("hallId").GetString()!, r => r.GetProperty("figures").GetProperty("issued").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["xinqiao"] = 3, [ReportHall.OtherHall] = 4 }, issued);
    }

    [Theory]
    [InlineData("report", "--hall", "xinqiao", "--month", "2026-13")]
    [InlineData("report", "--hall", "xinqiao")]
    [InlineData("report", "--district", "songjiang", "--day", "2026-11-03")]
    [InlineData("report", "--hall", "xinqiao", "--day", "2026-11-03", "--format", "xlsx")]
    [InlineData("report", "--hall", "nowhere", "--day", "2026-11-03")]
    [InlineData("export-events", "--month", "2026-11")]
    public async Task A_wrong_command_line_exits_2_saying_what_is_wrong(params string[] args)
    {
        var (exit, output) = await RunAsync([.. args, $"--Storage:Path={halls.Town}"]);

        Assert.Equal(2, exit);
        Assert.Contains($"{args[0]}: ", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var info = Repo.TestApp(Dll, args[0]);
        foreach (var a in args)
        {
            info.Arguments.Add(a);
        }

        await using var process = ChildProcess.Start(info);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, process.Output);
    }
}
