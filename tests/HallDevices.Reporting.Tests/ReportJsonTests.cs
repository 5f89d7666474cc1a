using System.Text.Json;
using static HallDevices.Reporting.Tests.TestHalls;

namespace HallDevices.Reporting.Tests;

public class ReportJsonTests
{
    [Fact]
    public void A_hall_report_and_a_bulletin_serialise_with_the_report_options_and_read_back()
    {
        // Served 2, rated 1 (评价率 50%, missed); waits 1 and 6 against 4 min: 50% within (missed).
        var log = Log().Served("09:00", "A001", 1, 2).Rate("09:05", "A001", 5).Served("09:10", "A002", 6, 2);
        var r = Day(log);
        var b = DistrictBulletins.Build("d1", "测试区", r.Period, [r], ReportTargets.Default);

        var json = JsonSerializer.Serialize(r, ReportJson.Events);
        var bulletin = JsonSerializer.Serialize(b, ReportJson.Events);
        using var doc = JsonDocument.Parse(json);
        var back = JsonSerializer.Deserialize<HallReport>(json, ReportJson.Events)!;

        Assert.Equal(0.5, doc.RootElement.GetProperty("total").GetProperty("evaluationRate").GetDouble());
        Assert.Equal("2026-11-03", doc.RootElement.GetProperty("period").GetProperty("label").GetString());
        Assert.False(doc.RootElement.GetProperty("targets")[0].GetProperty("met").GetBoolean());
        Assert.Contains("测试镇为民服务中心", json, StringComparison.Ordinal);
        Assert.False(doc.RootElement.TryGetProperty("samples", out _));
        Assert.Contains("\"missed\":[\"evaluation-rate\",\"service-level\"]", bulletin, StringComparison.Ordinal);
        Assert.Equal(r.Total, back.Total);
        Assert.Equal(r.Period, back.Period);
        Assert.Equal(r.Levels, back.Levels);
    }
}
