using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Reports;

/// <summary><c>Reports:*</c> as the server reads it: the targets from configuration, checked at start-up.</summary>
public sealed class ReportsOptionsTests
{
    [Fact]
    public async Task A_target_from_configuration_is_the_one_reports_assess_against()
    {
        await using var server = await ServerProcess.StartAsync(settings: ReportHall.Settings(("Reports:Targets:GoodRate", "0.5"), ("Reports:Targets:EvaluationRate", "0.8")));
        using var manager = await StaffSessions.SignInAsync(server.BaseUri, StaffSessions.Manager);

        using var report = JsonDocument.Parse(await manager.GetStringAsync(new Uri("/api/halls/xinqiao/reports", UriKind.Relative)));

        var targets = report.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("target").GetDouble());
        Assert.Equal((0.5, 0.8, 0.9), (targets["good-rate"], targets["evaluation-rate"], targets["service-level"]));
    }

    [Theory]
    [InlineData("Reports:Targets:GoodRate", "1.5", "Reports:Targets:GoodRate is 1.5")]
    [InlineData("Reports:Targets:HandlingReduction", "-0.2", "Reports:Targets:HandlingReduction is -0.2")]
    [InlineData("Reports:MaxImportBytes", "0", "MaxImportBytes")]
    public async Task A_target_outside_0_to_1_or_a_limit_below_one_byte_stops_start_up_with_exit_2(string key, string value, string message)
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(settings: new Dictionary<string, string> { [key] = value }));

        Assert.Contains("exited with 2", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
