namespace HallDevices.Reporting;

/// <summary>The figures as CSV columns, in one order for the totals, the groups and the bulletin.</summary>
internal static class FigureColumns
{
    /// <summary>A figure's header (Chinese, English in brackets), its cell, and whether counters and staff have it.</summary>
    public sealed record Column(string Header, Func<Figures, string> Cell, bool PerTicketOnly = false);

    public static IReadOnlyList<Column> All { get; } =
    [
        new("取号 (issued)", f => CsvWriter.Count(f.Issued), PerTicketOnly: true),
        new("办结 (served)", f => CsvWriter.Count(f.Served)),
        new("过号 (no-shows)", f => CsvWriter.Count(f.NoShows)),
        new("作废 (voided)", f => CsvWriter.Count(f.Voided), PerTicketOnly: true),
        new("平均等候（分钟） (mean wait in min)", f => CsvWriter.Minutes(f.WaitMean)),
        new("等候中位数（分钟） (wait p50 in min)", f => CsvWriter.Minutes(f.WaitP50)),
        new("等候P90（分钟） (wait p90 in min)", f => CsvWriter.Minutes(f.WaitP90)),
        new("最长等候（分钟） (longest wait in min)", f => CsvWriter.Minutes(f.WaitMax)),
        new("平均办理（分钟） (mean handling in min)", f => CsvWriter.Minutes(f.HandlingMean)),
        new("办理P90（分钟） (handling p90 in min)", f => CsvWriter.Minutes(f.HandlingP90)),
        new("等候达标率 (within service level)", f => CsvWriter.Percent(f.ServiceLevelShare)),
        new("已评 (rated)", f => CsvWriter.Count(f.Rated)),
        new("未评 (unrated)", f => CsvWriter.Count(f.Unrated)),
        new("评价率 (evaluation rate)", f => CsvWriter.Percent(f.EvaluationRate)),
        new("未评率 (unrated rate)", f => CsvWriter.Percent(f.UnratedRate)),
        new("好评率 (good rate)", f => CsvWriter.Percent(f.GoodRate)),
        new("差评率 (bad rate)", f => CsvWriter.Percent(f.BadRate)),
        new("差评 (bad)", f => CsvWriter.Count(f.Bad)),
        new("差评回复率 (bad-rating reply rate)", f => CsvWriter.Percent(f.BadReplyRate)),
        new("回访整改率 (rectification rate)", f => CsvWriter.Percent(f.RectificationRate)),
        new("整改满意率 (rectification satisfaction)", f => CsvWriter.Percent(f.RectificationSatisfactionRate)),
        new("申诉成立 (appeals upheld)", f => CsvWriter.Count(f.AppealsUpheld)),
    ];

    /// <summary>The columns of a queue or service (every one), or of a counter or staff member (no issued, no voided).</summary>
    public static IReadOnlyList<Column> For(bool perTicket) => perTicket ? All : All.Where(c => !c.PerTicketOnly).ToList();
}
