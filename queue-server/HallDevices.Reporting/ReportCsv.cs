using System.Globalization;
using HallDevices.Queueing.Evaluation;
using static HallDevices.Reporting.CsvWriter;

namespace HallDevices.Reporting;

/// <summary>
/// Reports as CSV for Excel (docs/reports.md): UTF-8 with BOM, Chinese headers with English in
/// brackets (<c>评价率 (evaluation rate)</c>), sections one after another separated by a blank line,
/// each starting with its title line; invariant-culture numbers, minutes with one decimal,
/// percentages like <c>95.2%</c>, an empty cell where there is nothing to measure.
/// </summary>
public static class ReportCsv
{
    /// <summary>
    /// A hall report: heading, 总计 (totals), 考核 (targets), 评价等级 (levels), per queue, service,
    /// counter and staff, 考勤 (attendance), 分时段 (hours), 等候分布 (waits), 基准对比 (baselines).
    /// </summary>
    public static void WriteHall(HallReport r, Stream s)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(s);
        using var csv = new CsvWriter(s);
        csv.Row("大厅 (hall)", Text(r.HallName), Text(r.HallId));
        if (r.District is { } district)
        {
            csv.Row("辖区 (district)", Text(district.Name), Text(district.Id));
        }

        Heading(csv, r.Period, r.AsOf);
        csv.Row("等候时限（分钟） (service-level wait in min)", Count(r.ServiceLevelWaitMinutes));

        Section(csv, "总计 (totals)");
        csv.Row("指标 (figure)", "数值 (value)");
        foreach (var c in FigureColumns.All)
        {
            csv.Row(c.Header, c.Cell(r.Total));
        }

        Section(csv, "考核 (targets)");
        csv.Row("指标 (target)", "目标 (target)", "实际 (actual)", "结果 (result)");
        foreach (var t in r.Targets)
        {
            csv.Row($"{t.Name} ({t.NameEn})", Percent(t.Target), Percent(t.Actual), Result(t.Met));
        }

        Section(csv, "评价等级 (rating levels)");
        csv.Row("等级 (level)", "数量 (count)");
        foreach (var level in new[] { EvaluationLevel.VerySatisfied, EvaluationLevel.Satisfied, EvaluationLevel.BasicallySatisfied, EvaluationLevel.Dissatisfied, EvaluationLevel.VeryDissatisfied })
        {
            csv.Row($"{EvaluationLevels.ChineseName(level)} ({EvaluationLevels.EnglishName(level).ToLowerInvariant()})", Count(r.Levels.Of(level)));
        }

        csv.Row("未评 (unrated)", Count(r.Levels.Unrated));
        csv.Row("申诉成立 (appeal upheld)", Count(r.Levels.AppealsUpheld));

        Groups(csv, "按队列 (by queue)", "队列 (queue)", r.ByQueue, perTicket: true);
        Groups(csv, "按服务事项 (by service)", "服务事项 (service)", r.ByService, perTicket: true);
        Groups(csv, "按窗口 (by counter)", "窗口 (counter)", r.ByCounter, perTicket: false);
        Groups(csv, "按工作人员 (by staff)", "工作人员 (staff)", r.ByStaff, perTicket: false);

        Section(csv, "考勤 (attendance)");
        csv.Row("工作人员 (staff)", "签到时长（分钟） (signed in in min)", "暂停时长（分钟） (paused in min)");
        foreach (var a in r.Attendance)
        {
            csv.Row(Text(a.StaffId), Minutes(a.SignedInMinutes), Minutes(a.PausedMinutes));
        }

        Section(csv, "分时段 (by hour)");
        csv.Row("时段 (hour)", "取号 (arrivals)", "办结 (served)");
        foreach (var h in r.Hourly)
        {
            csv.Row(string.Create(CultureInfo.InvariantCulture, $"{h.Hour:00}:00-{(h.Hour + 1) % 24:00}:00"), Count(h.Arrivals), Count(h.Served));
        }

        Section(csv, "等候时长分布 (wait distribution)");
        csv.Row("等候（分钟） (wait in min)", "数量 (count)");
        foreach (var b in r.WaitBuckets)
        {
            csv.Row(b.Label, Count(b.Count));
        }

        Section(csv, "办理时长对比基准 (handling against baseline)");
        csv.Row("服务事项 (service)", "名称 (name)", "基准 (baseline)", "基准时长（分钟） (baseline in min)", "办结 (served)", "平均办理（分钟） (mean handling in min)",
            "压减 (reduction)", "目标 (target)", "结果 (result)", "承诺时限（分钟） (time limit in min)", "时限内办结率 (within time limit)");
        foreach (var b in r.Baselines)
        {
            csv.Row(Text(b.ServiceId), Text(b.ServiceName), Text(b.Label), Minutes(b.BaselineMinutes), Count(b.Served), Minutes(b.HandlingMean),
                Percent(b.Reduction), Percent(b.Target), Result(b.Met), Minutes(b.TimeLimitMinutes), Percent(b.WithinLimitShare));
        }

        csv.Row("全厅 (hall)", "", "", "", "", "", Percent(r.HandlingReduction));
    }

    /// <summary>
    /// A district bulletin: heading with the targets and the ranking rule, then one row per hall in
    /// rank order and the district total, each with its missed targets named.
    /// </summary>
    public static void WriteBulletin(DistrictBulletin b, Stream s)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(s);
        using var csv = new CsvWriter(s);
        csv.Row("月通报 (district bulletin)", Text(b.DistrictName), Text(b.DistrictId));
        Heading(csv, b.Period, b.AsOf);
        csv.Row("排名规则 (ranking)", Text("未达标项少者在前，其次好评率高者、平均等候短者在前 (fewest missed targets first, then higher good rate, then shorter mean wait)"));
        foreach (var t in b.Total.Targets)
        {
            csv.Row($"目标 (target): {t.Name} ({t.NameEn})", "≥ " + Percent(t.Target));
        }

        Section(csv, "各大厅 (halls)");
        var columns = FigureColumns.All;
        csv.Row(["排名 (rank)", "大厅 (hall)", "编号 (id)", .. columns.Select(c => c.Header), "办理时长压减 (handling reduction)", "未达标数 (missed)", "未达标项 (missed targets)"]);
        foreach (var row in b.Rows)
        {
            BulletinLine(csv, Count(row.Rank), row, columns);
        }

        BulletinLine(csv, "合计 (district total)", b.Total, columns);
    }

    private static void BulletinLine(CsvWriter csv, string rank, BulletinRow row, IReadOnlyList<FigureColumns.Column> columns) =>
        csv.Row([rank, Text(row.HallName), Text(row.HallId), .. columns.Select(c => c.Cell(row.Figures)), Percent(row.HandlingReduction),
            Count(row.MissedCount), Text(string.Join("、", row.Targets.Where(t => t.Missed).Select(t => t.Name)))]);

    private static void Heading(CsvWriter csv, ReportPeriod period, DateTimeOffset? asOf)
    {
        csv.Row("期间 (period)", Text(period.Label), Day(period.From), Day(period.To));
        csv.Row("截至 (as of)", asOf is { } at ? at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : "");
    }

    private static void Groups(CsvWriter csv, string title, string keyHeader, IReadOnlyList<GroupFigures> groups, bool perTicket)
    {
        Section(csv, title);
        var columns = FigureColumns.For(perTicket);
        csv.Row([keyHeader, "名称 (name)", .. columns.Select(c => c.Header)]);
        foreach (var g in groups)
        {
            csv.Row([Text(g.Key), Text(g.Name), .. columns.Select(c => c.Cell(g.Figures))]);
        }
    }

    private static void Section(CsvWriter csv, string title)
    {
        csv.Blank();
        csv.Row(title);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
