using System.Globalization;
using HallDevices.Reporting.Rendering;

namespace HallDevices.Reporting;

/// <summary>
/// A hall report and a district bulletin as PDF documents in Chinese (<see cref="PdfWriter"/>):
/// the key figures and targets, the four charts of <see cref="ReportCharts"/>, then the tables.
/// The tables are a compact choice of columns that fits A4; the CSV (<see cref="ReportCsv"/>) has them all.
/// </summary>
public static class ReportPdf
{
    /// <summary>Writes the hall report.</summary>
    public static void WriteHall(HallReport r, Stream s) => PdfWriter.Write(HallDocument(r), s);

    /// <summary>Writes the district bulletin.</summary>
    public static void WriteBulletin(DistrictBulletin b, Stream s) => PdfWriter.Write(BulletinDocument(b), s);

    /// <summary>The hall report as a document (also what the tests read back).</summary>
    public static ReportDocument HallDocument(HallReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var t = r.Total;
        var blocks = new List<ReportBlock>
        {
            new ReportHeading("一、概况"),
            Table(["指标", "数值"], [
                ["取号", N(t.Issued)], ["办结", N(t.Served)], ["过号", N(t.NoShows)], ["作废", N(t.Voided)],
                ["平均等候（分钟）", M(t.WaitMean)], ["等候中位数 / P90 / 最长（分钟）", $"{M(t.WaitP50)} / {M(t.WaitP90)} / {M(t.WaitMax)}"],
                ["平均办理 / P90（分钟）", $"{M(t.HandlingMean)} / {M(t.HandlingP90)}"],
                [$"{r.ServiceLevelWaitMinutes} 分钟内叫号占比", P(t.ServiceLevelShare)],
                ["评价率 / 未评率", $"{P(t.EvaluationRate)} / {P(t.UnratedRate)}"], ["好评率 / 差评率", $"{P(t.GoodRate)} / {P(t.BadRate)}"],
                ["差评（件） / 申诉成立（件）", $"{N(t.Bad)} / {N(t.AppealsUpheld)}"],
                ["差评回复率 / 回访整改率 / 整改满意率", $"{P(t.BadReplyRate)} / {P(t.RectificationRate)} / {P(t.RectificationSatisfactionRate)}"],
                ["办理时长较基准压缩", P(r.HandlingReduction)],
            ]),
            new ReportHeading("二、考核目标"),
            TargetsTable(r.Targets),
            new ReportPageBreak(),
            new ReportHeading("三、图表"),
        };
        blocks.AddRange(ReportCharts.HallCharts.Select(c => new ReportChart(ReportCharts.For(r, c)) { Height = 250 }));
        blocks.Add(new ReportPageBreak());
        blocks.Add(new ReportHeading("四、分项统计"));
        blocks.AddRange(Groups("按队列", r.ByQueue, perTicket: true));
        blocks.AddRange(Groups("按事项", r.ByService, perTicket: true));
        blocks.AddRange(Groups("按窗口", r.ByCounter, perTicket: false));
        blocks.AddRange(Groups("按工作人员", r.ByStaff, perTicket: false));
        blocks.Add(new ReportHeading("五、考勤（签到时长）"));
        blocks.Add(r.Attendance.Count == 0
            ? new ReportParagraph("本期无签到记录。") { Muted = true }
            : Table(["工作人员", "签到（分钟）", "暂停（分钟）"], r.Attendance.Select(a => new[] { a.StaffId, M(a.SignedInMinutes), M(a.PausedMinutes) }).ToList()));
        blocks.Add(new ReportHeading("六、办理时长对比基准"));
        blocks.Add(r.Baselines.Count == 0
            ? new ReportParagraph("大厅配置中没有事项设定基准。") { Muted = true }
            : BaselineTable(r.Baselines));
        blocks.Add(new ReportParagraph("口径：一张票计入其取号日所在的统计期；等候 = 取号至首次叫号；办理 = 各次叫号至办结或转出；未评 = 办结后未在评价时限内评价。详见 docs/reports.md。") { Muted = true });
        return new ReportDocument($"{r.HallName} 政务服务报表", blocks)
        {
            Subtitle = $"统计期 {r.Period.Label}（截至 {r.AsOf:yyyy-MM-dd HH:mm}）" + (r.District is { } d ? $" · {d.Name}" : ""),
            Author = r.HallName,
            Created = r.AsOf,
        };
    }

    /// <summary>The district bulletin as a document.</summary>
    public static ReportDocument BulletinDocument(DistrictBulletin b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var header = new List<string> { "排名", "大厅", "办结", "平均等候", "等候达标率", "评价率", "好评率", "差评率", "差评回复率", "整改满意率", "时长压缩", "未达标" };
        var rows = b.Rows.Append(b.Total).Select(row => BulletinRowCells(row)).ToList();
        var blocks = new List<ReportBlock>
        {
            new ReportHeading("一、排名"),
            new ReportTable(header.Select(h => new TableColumn(h)).ToList(), rows),
            new ReportParagraph("排名规则：未达标项少者在前；相同时好评率高者在前；再相同时平均等候短者在前。红底为未达标项。") { Muted = true },
            new ReportHeading("二、考核目标"),
            TargetsTable(b.Total.Targets.Select(t => t with { Actual = null }).ToList(), targetsOnly: true),
            new ReportHeading("三、对比"),
            new ReportChart(ReportCharts.Bulletin(b)) { Height = 300 },
        };
        return new ReportDocument($"{b.DistrictName} 政务服务月通报", blocks)
        {
            Subtitle = $"统计期 {b.Period.Label} · 共 {b.Rows.Count} 个大厅",
            Author = b.DistrictName,
        };
    }

    private static IReadOnlyList<TableCell> BulletinRowCells(BulletinRow row)
    {
        var f = row.Figures;
        TableCell Cell(string text, string? target = null) => new(text, target is not null && row.IsMissed(target) ? CellStyle.Flagged : CellStyle.Normal);
        return
        [
            new(row.Rank == 0 ? "合计" : N(row.Rank), row.Rank == 0 ? CellStyle.Strong : CellStyle.Normal),
            new(row.HallName, row.Rank == 0 ? CellStyle.Strong : CellStyle.Normal),
            Cell(N(f.Served)), Cell(M(f.WaitMean)),
            Cell(P(f.ServiceLevelShare), ReportTargetIds.ServiceLevel), Cell(P(f.EvaluationRate), ReportTargetIds.EvaluationRate),
            Cell(P(f.GoodRate), ReportTargetIds.GoodRate), Cell(P(f.BadRate)),
            Cell(P(f.BadReplyRate), ReportTargetIds.BadReplyRate), Cell(P(f.RectificationSatisfactionRate)),
            Cell(P(row.HandlingReduction), ReportTargetIds.HandlingReduction),
            Cell(N(row.MissedCount), row.MissedCount > 0 ? row.Missed[0] : null),
        ];
    }

    private static IEnumerable<ReportBlock> Groups(string title, IReadOnlyList<GroupFigures> groups, bool perTicket)
    {
        yield return new ReportHeading(title, 2);
        if (groups.Count == 0)
        {
            yield return new ReportParagraph("无。") { Muted = true };
            yield break;
        }

        var header = new List<string> { "名称" };
        header.AddRange(perTicket ? ["取号", "办结", "过号"] : ["办结", "过号"]);
        header.AddRange(["平均等候", "等候P90", "平均办理", "达标率", "评价率", "好评率", "差评"]);
        yield return Table(header, groups.Select(g =>
        {
            var f = g.Figures;
            var cells = new List<string> { g.Name };
            cells.AddRange(perTicket ? [N(f.Issued), N(f.Served), N(f.NoShows)] : [N(f.Served), N(f.NoShows)]);
            cells.AddRange([M(f.WaitMean), M(f.WaitP90), M(f.HandlingMean), P(f.ServiceLevelShare), P(f.EvaluationRate), P(f.GoodRate), N(f.Bad)]);
            return cells.ToArray();
        }).ToList());
    }

    private static ReportTable TargetsTable(IReadOnlyList<TargetResult> targets, bool targetsOnly = false) => new(
        targetsOnly
            ? [new TableColumn("考核项"), new TableColumn("目标")]
            : [new TableColumn("考核项"), new TableColumn("目标"), new TableColumn("实际"), new TableColumn("结果")],
        targets.Select(x => (IReadOnlyList<TableCell>)(targetsOnly
            ? [new TableCell(x.Name), new TableCell(Target(x))]
            : [new TableCell(x.Name), new TableCell(Target(x)), new TableCell(P(x.Actual)),
               new TableCell(x.Met switch { true => "达标", false => "未达标", null => "不考核" }, x.Missed ? CellStyle.Flagged : CellStyle.Normal)])).ToList());

    private static ReportTable BaselineTable(IReadOnlyList<BaselineFigures> rows) => new(
        [new("事项"), new("基准"), new("基准办理（分钟）"), new("办结"), new("平均办理（分钟）"), new("压缩"), new("时限内占比"), new("结果")],
        rows.Select(b => (IReadOnlyList<TableCell>)
        [
            new(b.ServiceName), new(b.Label), new(M(b.BaselineMinutes)), new(N(b.Served)), new(M(b.HandlingMean)), new(P(b.Reduction)),
            new(P(b.WithinLimitShare)),
            new(b.Met switch { true => "达标", false => "未达标", null => "—" }, b.Met == false ? CellStyle.Flagged : CellStyle.Normal),
        ]).ToList());

    private static ReportTable Table(IReadOnlyList<string> header, IReadOnlyList<string[]> rows) =>
        new(header.Select(h => new TableColumn(h)).ToList(), rows.Select(r => (IReadOnlyList<TableCell>)r.Select(c => new TableCell(c)).ToList()).ToList());

    // The reduction target is a fall, the others a floor: say which, so a reader knows what "met" means.
    private static string Target(TargetResult t) => t.Id == ReportTargetIds.HandlingReduction ? $"压缩 ≥ {P(t.Target)}" : $"≥ {P(t.Target)}";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string M(double? minutes) => minutes is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string P(double? fraction) => fraction is { } f ? (f * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
}
