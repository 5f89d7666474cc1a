using HallDevices.Queueing.Evaluation;
using HallDevices.Reporting.Rendering;
using static HallDevices.Reporting.Tests.TestHalls;

namespace HallDevices.Reporting.Tests.Rendering;

/// <summary>A real hall report through <see cref="ReportPdf"/> and <see cref="ReportCharts"/>: what a manager downloads.</summary>
public sealed class HallReportPdfTests : IDisposable
{
    private const int Tolerance = 4;
    private readonly Poppler _poppler = new();

    // Three tickets at 09, four at 10, one at 11: 10 is the busiest hour. Ratings: two 5s, one 2, the rest 未评.
    private static HallReport Report()
    {
        var log = Log();
        var n = 0;
        foreach (var (hour, count) in new[] { (9, 3), (10, 4), (11, 1) })
        {
            for (var i = 0; i < count; i++)
            {
                n++;
                log.Served($"{hour:00}:{i * 10:00}", $"A{n:000}", waitMinutes: 2 + n, handlingMinutes: 5);
            }
        }

        log.Rate("12:00", "A001", 5).Rate("12:01", "A002", 5).Rate("12:02", "A003", 2);
        return Day(log);
    }

    [Fact]
    public void Hall_report_pdf_reads_back_in_chinese_with_the_title_the_figure_names_and_the_figures_of_the_log()
    {
        var r = Report();
        using var pdf = new MemoryStream();
        ReportPdf.WriteHall(r, pdf);

        var text = Poppler.Text(_poppler.Save(pdf.ToArray()));

        Assert.Contains("测试镇为民服务中心 政务服务报表", text);
        Assert.Contains("统计期 2026-11-03", text);
        foreach (var name in new[] { "评价率", "好评率", "差评回复率", "整改满意率", "考核目标", "按窗口", "考勤", "办理时长对比基准", "各时段取号与办结", "好差评等级" })
        {
            Assert.Contains(name, text);
        }

        // 8 served, 3 rated → 评价率 37.5%, 未评率 62.5%; 好评率 2/3 = 66.7%; one 差评, not called back → 0.0%.
        Assert.Equal(8, r.Total.Served);
        Assert.Contains("37.5% / 62.5%", text);
        Assert.Contains("66.7% / 33.3%", text);
        Assert.Contains("未达标", text);
    }

    [Fact]
    public void Hourly_chart_of_a_report_shows_the_busiest_hour_tallest_and_only_the_open_hours()
    {
        using var image = BarPixels.Load(ReportCharts.Png(Report(), ReportCharts.Hourly, 800, 400));

        var arrivals = BarPixels.Vertical(image, ChartPalette.Series[0], Tolerance);

        // Hours 09, 10, 11 only (not 24 columns); 10 has the most arrivals.
        Assert.Equal(3, arrivals.Count);
        Assert.Equal(1, arrivals.IndexOf(arrivals.MaxBy(b => b.Length)));
    }

    [Fact]
    public void Rating_chart_of_a_report_draws_unrated_as_its_tallest_bar_in_grey()
    {
        using var image = BarPixels.Load(ReportCharts.Png(Report(), ReportCharts.Ratings, 700, 380));

        var unrated = BarPixels.Vertical(image, ChartPalette.Unrated, Tolerance);
        var verySatisfied = BarPixels.Vertical(image, ChartPalette.Level(EvaluationLevel.VerySatisfied), Tolerance);

        // 5 未评 against 2 非常满意.
        Assert.Single(unrated);
        Assert.Single(verySatisfied);
        Assert.InRange(unrated[0].Length / (double)verySatisfied[0].Length, 2.5 - 0.2, 2.5 + 0.2);
    }

    [Fact]
    public void Bulletin_pdf_ranks_the_halls_and_reads_back_the_district_name_and_the_total_row()
    {
        var good = Report();
        var other = good with { HallId = "t2", HallName = "另一镇为民服务中心" };
        var bulletin = DistrictBulletins.Build("d1", "测试区", good.Period, [good, other], ReportTargets.Default);
        using var pdf = new MemoryStream();
        ReportPdf.WriteBulletin(bulletin, pdf);

        var text = Poppler.Text(_poppler.Save(pdf.ToArray(), "bulletin.pdf"));

        Assert.Contains("测试区 政务服务月通报", text);
        Assert.Contains("另一镇为民服务中心", text);
        Assert.Contains("合计", text);
        Assert.Contains("排名规则", text);
    }

    [Fact]
    public void Unknown_chart_id_is_refused_with_the_known_ones_named()
    {
        var e = Assert.Throws<ArgumentException>(() => ReportCharts.For(Report(), "pie"));
        Assert.Contains("hourly", e.Message);
    }

    public void Dispose() => _poppler.Dispose();
}
