using System.Globalization;
using HallDevices.Contracts;

namespace HallDevices.Kiosk.Tickets;

/// <summary>
/// The short service guide printed on a receipt on request (取号并打印办事指南): what to bring and what
/// to expect, in at most <see cref="MaxLines"/> lines before wrapping, so an 80 mm or 58 mm slip
/// stays a slip. The full guide is on the tracking page the QR code opens.
/// </summary>
public static class TicketGuide
{
    /// <summary>Most lines <see cref="ShortLines"/> returns (each may wrap when printed).</summary>
    public const int MaxLines = 12;

    /// <summary>The first line.</summary>
    public const string Title = "办事指南（简）";

    /// <summary>
    /// The receipt's guide lines, in print order: <see cref="Title"/>, <c>所需材料：</c>, the materials
    /// numbered <c>1. </c>…, the promised time limit (the legal one when no promise; 0 → 即办), the fee
    /// (none → 不收费), and one line of 最多跑一次 / 可全程网办 / 村代办点可代收代办 when any holds.
    /// Materials that do not fit end in <c>…等N项，详见扫码页面</c>, N being all the materials.
    /// </summary>
    public static IReadOnlyList<string> ShortLines(GuideMessage guide)
    {
        ArgumentNullException.ThrowIfNull(guide);
        var tail = new List<string>();
        if (TimeLimit(guide) is { } limit)
        {
            tail.Add(limit);
        }

        tail.Add("收费：" + (string.IsNullOrWhiteSpace(guide.Fee) ? "不收费" : guide.Fee.Trim()));
        var flags = new List<string>();
        if (guide.OneTrip)
        {
            flags.Add("最多跑一次");
        }

        if (!string.IsNullOrWhiteSpace(guide.OnlineUrl))
        {
            flags.Add("可全程网办");
        }

        if (guide.Agency)
        {
            flags.Add("村代办点可代收代办");
        }

        if (flags.Count > 0)
        {
            tail.Add(string.Join("　", flags));
        }

        var materials = (guide.Materials ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).ToList();
        var lines = new List<string> { Title };
        if (materials.Count > 0)
        {
            lines.Add("所需材料：");
            var room = MaxLines - lines.Count - tail.Count;
            var shown = materials.Count <= room ? materials.Count : room - 1;
            for (var i = 0; i < shown; i++)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {materials[i]}"));
            }

            if (shown < materials.Count)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"…等{materials.Count}项，详见扫码页面"));
            }
        }

        lines.AddRange(tail);
        return lines;
    }

    private static string? TimeLimit(GuideMessage guide) => (guide.PromisedDays, guide.LegalDays) switch
    {
        ({ } promised, _) => "承诺时限：" + Days(promised),
        (null, { } legal) => "法定时限：" + Days(legal),
        _ => null,
    };

    private static string Days(int days) => days == 0 ? "即办" : string.Create(CultureInfo.InvariantCulture, $"{days}个工作日");
}
