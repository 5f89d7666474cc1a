using System.Globalization;
using HallDevices.Contracts;
using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk.Catalog;

/// <summary>
/// What the kiosk says for 朗读: the service's name and its guide's key points (what to bring, how
/// long, what it costs, 最多跑一次, 全程网办, 代收代办), in the screen's language. The materials are the
/// hall file's Chinese, so the English text names how many there are and points to the screen.
/// </summary>
public static class GuideSpeech
{
    /// <summary>The text to read for <paramref name="service"/> (with its guide, when the kiosk has it) in <paramref name="language"/>.</summary>
    public static string Text(CatalogService service, GuideMessage? guide, string language)
    {
        ArgumentNullException.ThrowIfNull(service);
        return language == "en" ? English(service, guide) : Chinese(service, guide);
    }

    private static string Chinese(CatalogService service, GuideMessage? guide)
    {
        var parts = new List<string> { service.Name };
        if (guide is null)
        {
            // What the screen says: nothing of a guide the hall file does not have is made up.
            parts.Add("暂无办事指南，请到引导台咨询");
            return string.Join("。", parts) + "。";
        }

        var materials = guide.Materials.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).ToList();
        if (materials.Count > 0)
        {
            parts.Add("请带好：" + string.Join("；", materials));
        }

        if (Limit(guide) is { } days)
        {
            parts.Add(days == 0 ? "即办件，当场办结" : string.Create(CultureInfo.InvariantCulture, $"{days}个工作日内办结"));
        }

        parts.Add(string.IsNullOrWhiteSpace(guide.Fee) ? "不收费" : "收费：" + guide.Fee.Trim());
        if (guide.OneTrip)
        {
            parts.Add("最多跑一次");
        }

        if (!string.IsNullOrWhiteSpace(guide.OnlineUrl))
        {
            parts.Add("此事项可全程网办");
        }

        if (guide.Agency)
        {
            parts.Add("可在村代办点代收代办");
        }

        return string.Join("。", parts) + "。";
    }

    private static string English(CatalogService service, GuideMessage? guide)
    {
        var parts = new List<string> { service.NameEn ?? guide?.NameEn ?? service.Name };
        if (guide is null)
        {
            parts.Add("No guide yet. Please ask at the guide desk");
            return string.Join(". ", parts) + ".";
        }

        var materials = guide.Materials.Count(m => !string.IsNullOrWhiteSpace(m));
        if (materials > 0)
        {
            parts.Add(materials == 1 ? "Please bring the document listed on the screen" : string.Create(CultureInfo.InvariantCulture, $"Please bring the {materials} documents listed on the screen"));
        }

        if (Limit(guide) is { } days)
        {
            parts.Add(days == 0 ? "It is done on the spot" : string.Create(CultureInfo.InvariantCulture, $"It takes up to {days} working day{(days == 1 ? "" : "s")}"));
        }

        parts.Add(string.IsNullOrWhiteSpace(guide.Fee) ? "It is free of charge" : "There is a fee, shown on the screen");
        if (guide.OneTrip)
        {
            parts.Add("One trip at most");
        }

        if (!string.IsNullOrWhiteSpace(guide.OnlineUrl))
        {
            parts.Add("It can also be done fully online");
        }

        if (guide.Agency)
        {
            parts.Add("Village service points can accept it for you");
        }

        return string.Join(". ", parts) + ".";
    }

    /// <summary>The promised time limit, else the statutory one (as the receipt prints it).</summary>
    private static int? Limit(GuideMessage guide) => guide.PromisedDays ?? guide.LegalDays;
}
