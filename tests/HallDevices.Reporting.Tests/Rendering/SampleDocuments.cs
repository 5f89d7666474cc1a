using System.Globalization;
using HallDevices.Reporting.Rendering;

namespace HallDevices.Reporting.Tests.Rendering;

/// <summary>Documents the PDF tests print, and a helper that writes one to bytes.</summary>
internal static class SampleDocuments
{
    public const string Title = "新桥镇为民服务中心 2026年11月 运行报告";

    /// <summary>Figures of the summary table: name, value as printed, missed its target.</summary>
    public static readonly (string Name, string Value, bool Missed)[] Summary =
    [
        ("取号", "1,234", false),
        ("办结", "1,198", false),
        ("评价率", "97.4%", true),
        ("好评率", "98.1%", false),
        ("平均等候（分钟）", "8.6", false),
    ];

    public static byte[] Pdf(ReportDocument document)
    {
        using var stream = new MemoryStream();
        PdfWriter.Write(document, stream);
        return stream.ToArray();
    }

    public static ReportDocument Summary_with_heading_paragraph_and_table() => new(
        Title,
        [
            new ReportHeading("一、总体情况"),
            new ReportParagraph("本月办件情况如下，未达标的指标以红色标出。"),
            new ReportTable(
                [new TableColumn("指标"), new TableColumn("数值"), new TableColumn("目标")],
                Summary.Select(s => (IReadOnlyList<TableCell>)
                [
                    new TableCell(s.Name),
                    new TableCell(s.Value, s.Missed ? CellStyle.Flagged : CellStyle.Normal),
                    new TableCell(s.Missed ? "未达标" : "达标"),
                ]).ToList()),
            new ReportHeading("二、好差评", Level: 2),
            new ReportParagraph("差评 5 件，均已回访。"),
        ])
    { Subtitle = "统计期间 2026-11-01 至 2026-11-30", Author = "新桥镇为民服务中心" };

    /// <summary>
    /// Every kind of block and chart, an empty chart (its 无数据 text) and a counter name too long for its
    /// column (cut with …): all the text the painters add of their own.
    /// </summary>
    public static ReportDocument Everything()
    {
        var summary = Summary_with_heading_paragraph_and_table();
        var counters = SampleCharts.PerCounter();
        return summary with
        {
            Blocks =
            [
                .. summary.Blocks,
                new ReportChart(SampleCharts.Hourly()),
                new ReportChart(SampleCharts.Waits()),
                new ReportChart(counters with { Bars = [.. counters.Bars, new HorizontalBar("5号窗口 不动产登记、税费缴纳与抵押登记一窗受理", 12)] }),
                new ReportChart(SampleCharts.Ratings()),
                new ReportChart(new Histogram("空图", [])) { Height = 120 },
                .. LongTable(40).Blocks,
            ],
            FooterText = "数据截至 2026-11-30 18:00",
        };
    }

    /// <summary>A table of <paramref name="rows"/> counters, each row naming its number so a lost or doubled row shows.</summary>
    public static ReportDocument LongTable(int rows, PageNumbering numbering = PageNumbering.WithTotal) => new(
        "各窗口明细",
        [
            new ReportHeading("窗口明细表"),
            new ReportTable(
                [new TableColumn("序号"), new TableColumn("窗口名称"), new TableColumn("办结量"), new TableColumn("评价率")],
                Enumerable.Range(1, rows).Select(i => (IReadOnlyList<TableCell>)
                [
                    new TableCell(i.ToString(CultureInfo.InvariantCulture)),
                    new TableCell(RowName(i)),
                    new TableCell((i * 37 % 500).ToString(CultureInfo.InvariantCulture)),
                    new TableCell((90 + (i % 10)).ToString(CultureInfo.InvariantCulture) + "%"),
                ]).ToList()),
        ])
    { PageNumbers = numbering };

    public static string RowName(int i) => string.Create(CultureInfo.InvariantCulture, $"综合受理窗口R{i:000}");
}
