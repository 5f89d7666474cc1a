using System.Text;
using static HallDevices.Reporting.Tests.TestHalls;

namespace HallDevices.Reporting.Tests;

public class CsvTests
{
    /// <summary>RFC 4180 as Excel writes it: quoted cells may hold commas, quotes ("") and line breaks.</summary>
    private static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        return rows;
    }

    private static (byte[] Bytes, List<List<string>> Rows) Written(Action<Stream> write)
    {
        using var s = new MemoryStream();
        write(s);
        var bytes = s.ToArray();
        return (bytes, Parse(new UTF8Encoding(false).GetString(bytes.AsSpan(3))));
    }

    /// <summary>The rows of the section with that title (up to the next blank line).</summary>
    private static List<List<string>> Section(List<List<string>> rows, string title) =>
        rows.SkipWhile(r => r[0] != title).Skip(1).TakeWhile(r => r is not [""]).ToList();

    private static HallReport Report(string? hallName = null)
    {
        var hall = hallName is null ? Hall() : Hall() with { Name = hallName };

        // Served 4, rated 3 (5 4 1): 评价率 75.0%, 好评率 66.7%, 差评率 33.3%; waits 1 1 1 7: mean 2.5.
        var log = Log()
            .Login("08:30", "c1", "s01")
            .Served("09:00", "A001", 1, 5).Rate("09:07", "A001", 5)
            .Served("09:10", "A002", 1, 5).Rate("09:17", "A002", 4)
            .Served("09:20", "A003", 1, 5).Rate("09:27", "A003", 1)
            .Served("09:30", "A004", 7, 5)
            .Logout("12:00", "c1", "s01");
        return Day(log, hall: hall);
    }

    [Fact]
    public void A_hall_csv_starts_with_the_utf8_bom_and_reads_back_with_its_figures()
    {
        var (bytes, rows) = Written(s => ReportCsv.WriteHall(Report(), s));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(["大厅 (hall)", "测试镇为民服务中心", "t1"], rows[0]);
        Assert.Contains(rows, r => r is ["期间 (period)", "2026-11-03", "2026-11-03", "2026-11-03"]);

        var totals = Section(rows, "总计 (totals)").ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("4", totals["办结 (served)"]);
        Assert.Equal("75.0%", totals["评价率 (evaluation rate)"]);
        Assert.Equal("25.0%", totals["未评率 (unrated rate)"]);
        Assert.Equal("66.7%", totals["好评率 (good rate)"]);
        Assert.Equal("33.3%", totals["差评率 (bad rate)"]);
        Assert.Equal("0.0%", totals["差评回复率 (bad-rating reply rate)"]);
        Assert.Equal("2.5", totals["平均等候（分钟） (mean wait in min)"]);
        Assert.Equal("", totals["整改满意率 (rectification satisfaction)"]); // nothing to divide: empty, not 0
    }

    [Fact]
    public void A_hall_csv_has_every_section_with_english_in_brackets()
    {
        var (_, rows) = Written(s => ReportCsv.WriteHall(Report(), s));

        string[] titles = ["总计 (totals)", "考核 (targets)", "评价等级 (rating levels)", "按队列 (by queue)", "按服务事项 (by service)", "按窗口 (by counter)",
            "按工作人员 (by staff)", "考勤 (attendance)", "分时段 (by hour)", "等候时长分布 (wait distribution)", "办理时长对比基准 (handling against baseline)"];
        Assert.All(titles, t => Assert.Contains(rows, r => r is [var only] && only == t));

        Assert.Equal(["c1", "c2", "f"], Section(rows, "按窗口 (by counter)").Skip(1).Select(r => r[0]));
        Assert.Equal(["s01", "210.0", "0.0"], Section(rows, "考勤 (attendance)")[1]);
        Assert.Equal(24, Section(rows, "分时段 (by hour)").Count - 1);
        Assert.Equal(["09:00-10:00", "4", "4"], Section(rows, "分时段 (by hour)")[10]);
        Assert.Equal(["非常不满意 (very dissatisfied)", "1"], Section(rows, "评价等级 (rating levels)")[5]);
        Assert.Equal("未达标 (missed)", Section(rows, "考核 (targets)")[1][3]);

        // Counters have no issued or voided column: tickets are issued to queues.
        Assert.DoesNotContain("取号 (issued)", Section(rows, "按窗口 (by counter)")[0]);
        Assert.Contains("取号 (issued)", Section(rows, "按队列 (by queue)")[0]);
    }

    [Fact]
    public void Names_with_commas_or_quotes_are_quoted_and_a_formula_never_runs()
    {
        var (_, rows) = Written(s => ReportCsv.WriteHall(Report("新桥,\"东\"厅"), s));
        var (_, formula) = Written(s => ReportCsv.WriteHall(Report("=HYPERLINK(1)"), s));

        Assert.Equal("新桥,\"东\"厅", rows[0][1]);
        Assert.Equal("'=HYPERLINK(1)", formula[0][1]);
    }

    [Fact]
    public void A_bulletin_csv_lists_the_halls_in_rank_order_with_their_misses_and_the_total()
    {
        var good = Day(new EventLog("h1", Nov3).Served("09:00", "A001", 1, 2).Rate("09:05", "A001", 5), hall: Hall() with { Id = "h1", Name = "一镇" });
        var unrated = Day(new EventLog("h2", Nov3).Served("09:00", "A001", 1, 2), hall: Hall() with { Id = "h2", Name = "二镇" });
        var b = DistrictBulletins.Build("d1", "测试区", ReportPeriod.Day(Nov3), [unrated, good], ReportTargets.Default);

        var (bytes, rows) = Written(s => ReportCsv.WriteBulletin(b, s));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var table = Section(rows, "各大厅 (halls)");
        var header = table[0];
        var missed = header.IndexOf("未达标项 (missed targets)");
        var evaluation = header.IndexOf("评价率 (evaluation rate)");
        Assert.Equal(["1", "一镇", "h1"], table[1][..3]);
        Assert.Equal(["2", "二镇", "h2"], table[2][..3]);
        Assert.Equal("", table[1][missed]);
        Assert.Equal("评价率", table[2][missed]);  // unrated: 评价率 missed; 好评率 has nothing to divide, not assessed
        Assert.Equal("0.0%", table[2][evaluation]);
        Assert.Equal("合计 (district total)", table[3][0]);
        Assert.Equal("50.0%", table[3][evaluation]);
    }
}
