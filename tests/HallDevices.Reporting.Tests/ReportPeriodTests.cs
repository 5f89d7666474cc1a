namespace HallDevices.Reporting.Tests;

public class ReportPeriodTests
{
    [Fact]
    public void Labels_name_a_day_a_whole_month_or_a_range()
    {
        Assert.Equal("2026-11-03", ReportPeriod.Day(new DateOnly(2026, 11, 3)).Label);
        Assert.Equal("2026-11", ReportPeriod.Month(2026, 11).Label);
        Assert.Equal("2026-11", new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)).Label);
        Assert.Equal("2026-11-01..2026-11-15", new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15)).Label);
        Assert.Equal(new DateOnly(2026, 2, 28), ReportPeriod.Month(2026, 2).To);
    }

    [Fact]
    public void Parsing_takes_exactly_one_of_day_month_or_from_and_to()
    {
        Assert.True(ReportPeriod.TryParse("2026-11-03", null, null, null, out var day, out _));
        Assert.Equal(ReportPeriod.Day(new DateOnly(2026, 11, 3)), day);
        Assert.True(ReportPeriod.TryParse(null, "2026-11", null, null, out var month, out _));
        Assert.Equal(30, month.Days);
        Assert.True(ReportPeriod.TryParse(null, null, "2026-11-01", "2026-11-15", out var range, out _));
        Assert.Equal(15, range.Days);

        Assert.False(ReportPeriod.TryParse(null, null, null, null, out _, out var none));
        Assert.Contains("month=YYYY-MM", none, StringComparison.Ordinal);
        Assert.False(ReportPeriod.TryParse("2026-11-03", "2026-11", null, null, out _, out var two));
        Assert.Contains("only one", two, StringComparison.Ordinal);
        Assert.False(ReportPeriod.TryParse(null, null, "2026-11-01", null, out _, out var half));
        Assert.Contains("go together", half, StringComparison.Ordinal);
        Assert.False(ReportPeriod.TryParse(null, null, "2026-11-15", "2026-11-01", out _, out var backwards));
        Assert.Contains("before", backwards, StringComparison.Ordinal);
        Assert.False(ReportPeriod.TryParse(null, "2026-13", null, null, out _, out var bad));
        Assert.Contains("2026-13", bad, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReportPeriod(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 1)));
    }

    [Fact]
    public void A_period_starts_and_ends_at_the_halls_local_midnights()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var p = ReportPeriod.Month(2026, 11);

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), p.StartIn(shanghai));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), p.EndIn(shanghai));
    }
}
