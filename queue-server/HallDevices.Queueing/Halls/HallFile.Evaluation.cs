using System.Globalization;
using System.Text.Json;
using HallDevices.Queueing.Evaluation;

namespace HallDevices.Queueing.Halls;

/// <summary>The hall file's sections for ratings and reports: <c>evaluation</c>, <c>calendar</c>, <c>district</c>, <c>services[i].baseline</c>.</summary>
public static partial class HallFile
{
    private static EvaluationPolicy ParseEvaluation(JsonElement root)
    {
        var defaults = EvaluationPolicy.Default;
        if (!root.TryGetProperty("evaluation", out var e))
        {
            return defaults;
        }

        RequireObject(e, "evaluation");
        AllowOnly(e, "evaluation", "windowMinutes", "followUpWorkingDays", "reasons");
        var window = OptionalPositiveInt(e, "windowMinutes", "evaluation") ?? defaults.WindowMinutes;
        if (window > EvaluationPolicy.MaxWindowMinutes)
        {
            throw new HallConfigException("evaluation.windowMinutes", $"at most {EvaluationPolicy.MaxWindowMinutes} minutes (one day): a finished ticket is kept for rating until the next day's close");
        }

        var reasons = defaults.Reasons;
        if (e.TryGetProperty("reasons", out _))
        {
            var items = RequiredArray(e, "reasons", "evaluation");
            var list = new List<EvaluationReason>();
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"evaluation.reasons[{i}]";
                RequireObject(items[i], path);
                AllowOnly(items[i], path, "id", "name", "nameEn");
                var id = RequiredId(items[i], path);
                Unique(list.Select(r => r.Id), id, $"{path}.id", "reason id");
                list.Add(new EvaluationReason(id, RequiredString(items[i], "name", path), RequiredString(items[i], "nameEn", path)));
            }

            reasons = list;
        }

        return new EvaluationPolicy(window, OptionalPositiveInt(e, "followUpWorkingDays", "evaluation") ?? defaults.FollowUpWorkingDays, reasons);
    }

    private static WorkCalendar ParseCalendar(JsonElement root)
    {
        if (!root.TryGetProperty("calendar", out var c))
        {
            return WorkCalendar.Weekdays;
        }

        RequireObject(c, "calendar");
        AllowOnly(c, "calendar", "holidays", "workdays");
        return new WorkCalendar(Dates(c, "holidays"), Dates(c, "workdays"));
    }

    private static HashSet<DateOnly> Dates(JsonElement calendar, string name)
    {
        var set = new HashSet<DateOnly>();
        if (!calendar.TryGetProperty(name, out _))
        {
            return set;
        }

        var items = RequiredArray(calendar, name, "calendar");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"calendar.{name}[{i}]";
            if (items[i].ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(items[i].GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new HallConfigException(path, "expected a date as yyyy-MM-dd");
            }

            set.Add(day);
        }

        return set;
    }

    private static DistrictRef? ParseDistrict(JsonElement root)
    {
        if (!root.TryGetProperty("district", out var d))
        {
            return null;
        }

        RequireObject(d, "district");
        AllowOnly(d, "district", "id", "name");
        return new DistrictRef(RequiredId(d, "district"), RequiredString(d, "name", "district"));
    }

    private static ServiceBaseline? ParseBaseline(JsonElement service, string servicePath)
    {
        if (!service.TryGetProperty("baseline", out var b))
        {
            return null;
        }

        var path = $"{servicePath}.baseline";
        RequireObject(b, path);
        AllowOnly(b, path, "label", "handlingMinutes", "timeLimitMinutes");
        var handling = OptionalPositiveNumber(b, "handlingMinutes", path)
            ?? throw new HallConfigException($"{path}.handlingMinutes", "missing required field 'handlingMinutes'");
        return new ServiceBaseline(RequiredString(b, "label", path), handling, OptionalPositiveNumber(b, "timeLimitMinutes", path));
    }
}
