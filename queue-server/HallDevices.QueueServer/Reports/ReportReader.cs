using System.Text.RegularExpressions;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using HallDevices.Reporting;

namespace HallDevices.QueueServer.Reports;

/// <summary>
/// How the server and the report command read a hall's log for a report: from the period's first
/// local midnight to the end (a ticket's later events count for the day it was issued, docs/reports.md),
/// as of the hall clock's now.
/// </summary>
public static partial class ReportReader
{
    /// <summary>The local midnight that starts <paramref name="period"/> in the hall's time zone.</summary>
    public static DateTimeOffset FirstMidnight(HallDefinition hall, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(period);
        return period.StartIn(hall.TimeZone);
    }

    /// <summary>The hall's local date at <paramref name="now"/>.</summary>
    public static DateOnly Today(HallDefinition hall, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hall);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, hall.TimeZone).DateTime);
    }

    /// <summary>The hall's report, from the events <paramref name="eventsFrom"/> gives from an instant on.</summary>
    public static HallReport Hall(HallDefinition hall, Func<DateTimeOffset, IEnumerable<HallEvent>> eventsFrom, ReportPeriod period, DateTimeOffset asOf, ReportTargets targets)
    {
        ArgumentNullException.ThrowIfNull(eventsFrom);
        return HallReports.Build(hall, period, eventsFrom(FirstMidnight(hall, period)), InZone(hall, asOf), targets);
    }

    /// <summary>
    /// A district's bulletin: a report of each of <paramref name="local"/> (halls whose log is here)
    /// and of each imported hall, side by side. The district's name is the one its halls' files give.
    /// </summary>
    public static DistrictBulletin Bulletin(
        string districtId,
        ReportPeriod period,
        IEnumerable<(HallDefinition Hall, Func<DateTimeOffset, IEnumerable<HallEvent>> EventsFrom)> local,
        OpenedLogs imported,
        DateTimeOffset asOf,
        ReportTargets targets)
    {
        ArgumentNullException.ThrowIfNull(imported);
        var halls = local?.ToList() ?? throw new ArgumentNullException(nameof(local));
        var reports = halls.Select(h => Hall(h.Hall, h.EventsFrom, period, asOf, targets))
            .Concat(imported.Halls.Select(h => HallReports.Build(h.Hall, period, h.Events, InZone(h.Hall, asOf), targets)))
            .ToList();
        var name = halls.Select(h => h.Hall.District?.Name).Concat(imported.Halls.Select(h => h.Hall.District?.Name)).FirstOrDefault(n => n is not null) ?? districtId;
        return DistrictBulletins.Build(districtId, name, period, reports, targets);
    }

    /// <summary>
    /// The period of the query or command line: <paramref name="day"/>, <paramref name="month"/>, or
    /// <paramref name="from"/> with <paramref name="to"/>; <paramref name="fallback"/> when none is given
    /// (null: one must be).
    /// </summary>
    public static bool TryPeriod(string? day, string? month, string? from, string? to, ReportPeriod? fallback, out ReportPeriod period, out string error)
    {
        if (day is null && month is null && from is null && to is null && fallback is not null)
        {
            period = fallback;
            error = "";
            return true;
        }

        return ReportPeriod.TryParse(day, month, from, to, out period, out error);
    }

    // Times of the contract are in the hall's zone (docs/design.md §4); so is a report's "as of".
    private static DateTimeOffset InZone(HallDefinition hall, DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, hall.TimeZone);

    /// <summary>True for an id a hall file allows (letters, digits, '-' and '_'), so it is safe as a folder name too.</summary>
    public static bool IsId(string? id) => id is { Length: > 0 and <= 64 } && IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex IdPattern();
}
