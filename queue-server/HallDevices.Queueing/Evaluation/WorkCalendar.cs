namespace HallDevices.Queueing.Evaluation;

/// <summary>
/// Working days of a hall: Monday to Friday, minus public holidays, plus the weekend days that are
/// worked in their place (调休). Follow-up deadlines count these days.
/// </summary>
/// <param name="Holidays">Weekdays that are not worked (e.g. 国庆节).</param>
/// <param name="Workdays">Weekend days that are worked (调休上班).</param>
public sealed record WorkCalendar(IReadOnlySet<DateOnly> Holidays, IReadOnlySet<DateOnly> Workdays)
{
    /// <summary>Monday to Friday, no holidays.</summary>
    public static WorkCalendar Weekdays { get; } = new(new HashSet<DateOnly>(), new HashSet<DateOnly>());

    /// <summary>True when the hall works on <paramref name="day"/>.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        Workdays.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(day));

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="from"/> (which itself does
    /// not count): a bad rating on Friday with 5 days is due the next Friday.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = from;
        for (var left = days; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }
}
