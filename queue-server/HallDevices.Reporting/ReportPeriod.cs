using System.Globalization;

namespace HallDevices.Reporting;

/// <summary>
/// The days a report covers, inclusive, as the hall's local dates: a ticket belongs to the period
/// of its issue day, whenever its later events (a finish after midnight, a rating next morning) happen.
/// </summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day (inclusive); not before <paramref name="From"/>.</param>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The first day.</summary>
    public DateOnly From { get; init; } = From;

    /// <summary>The last day, inclusive.</summary>
    public DateOnly To { get; init; } = To >= From ? To : throw new ArgumentOutOfRangeException(nameof(To), To, $"a period ends on or after its first day {From:yyyy-MM-dd}");

    /// <summary>One day.</summary>
    public static ReportPeriod Day(DateOnly day) => new(day, day);

    /// <summary>A calendar month.</summary>
    public static ReportPeriod Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new(first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>
    /// <c>2026-11-03</c> for a day, <c>2026-11</c> for a whole calendar month, otherwise
    /// <c>2026-11-01..2026-11-15</c>. Also the file name part of an export.
    /// </summary>
    public string Label =>
        From == To ? Format(From)
        : From.Day == 1 && To == From.AddMonths(1).AddDays(-1) ? From.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : $"{Format(From)}..{Format(To)}";

    /// <summary>Number of days in the period.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>True when <paramref name="day"/> is one of the period's days.</summary>
    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>The instant the period starts: local midnight of <see cref="From"/> in <paramref name="zone"/>.</summary>
    public DateTimeOffset StartIn(TimeZoneInfo zone) => LocalMidnight(From, zone);

    /// <summary>The instant the period ends (exclusive): local midnight after <see cref="To"/> in <paramref name="zone"/>.</summary>
    public DateTimeOffset EndIn(TimeZoneInfo zone) => LocalMidnight(To.AddDays(1), zone);

    /// <summary>
    /// Reads the period of a request or command line: exactly one of a <paramref name="day"/>
    /// (<c>2026-11-03</c>), a <paramref name="month"/> (<c>2026-11</c>) or <paramref name="from"/>
    /// and <paramref name="to"/> together (days, inclusive). On failure <paramref name="error"/> says
    /// what to give instead.
    /// </summary>
    public static bool TryParse(string? day, string? month, string? from, string? to, out ReportPeriod period, out string error)
    {
        period = null!;
        var given = (day is null ? 0 : 1) + (month is null ? 0 : 1) + (from is null && to is null ? 0 : 1);
        if (given != 1)
        {
            error = given == 0
                ? "give the period: day=YYYY-MM-DD, month=YYYY-MM, or from=YYYY-MM-DD and to=YYYY-MM-DD"
                : "give only one of day, month, or from and to";
            return false;
        }

        if (day is not null)
        {
            if (!TryDay(day, out var d))
            {
                error = $"day '{day}' is not a date like 2026-11-03";
                return false;
            }

            period = Day(d);
        }
        else if (month is not null)
        {
            if (!DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
            {
                error = $"month '{month}' is not a month like 2026-11";
                return false;
            }

            period = Month(m.Year, m.Month);
        }
        else
        {
            if (from is null || to is null)
            {
                error = "from and to go together: from=YYYY-MM-DD&to=YYYY-MM-DD";
                return false;
            }

            if (!TryDay(from, out var f) || !TryDay(to, out var t))
            {
                error = $"from '{from}' and to '{to}' must be dates like 2026-11-03";
                return false;
            }

            if (t < f)
            {
                error = $"to {to} is before from {from}";
                return false;
            }

            period = new ReportPeriod(f, t);
        }

        error = "";
        return true;
    }

    private static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // Where a zone skips midnight (a DST start at 00:00), the day starts when the clocks land.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
