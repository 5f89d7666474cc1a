namespace HallDevices.LoadGen.Reports;

/// <summary>Options of the <c>reports</c> mode (issue 15: a month of a district's halls → the bulletin).</summary>
internal sealed record ReportsOptions
{
    public int Halls { get; init; } = 20;

    /// <summary>Tickets of the whole district in the month.</summary>
    public int Tickets { get; init; } = 300_000;

    public int Year { get; init; } = 2026;

    public int Month { get; init; } = 11;

    public int Seed { get; init; } = 15;

    /// <summary>Where the exported logs go; a fresh temp folder (deleted at the end) when not given.</summary>
    public string? Folder { get; init; }

    public static string Usage => """
        HallDevices.LoadGen reports — a month of a district's halls as exported event logs, then the
        bulletin built from those files in a fresh process, timed, with its peak memory (issue 15).

          --halls N       halls of the district (default 20)
          --tickets N     tickets of the whole district in the month (default 300000)
          --month Y-M     the month (default 2026-11)
          --seed N        random seed of the generated month (default 15)
          --folder PATH   write (and keep) the logs there instead of a temp folder
        """;

    public static ReportsOptions? Parse(IReadOnlyList<string> args, out string? error) =>
        OptionArgs.Parse(args, new ReportsOptions(), static (o, name, value) => name switch
        {
            "--halls" => o with { Halls = (int)OptionArgs.Number(value, 1, 500) },
            "--tickets" => o with { Tickets = (int)OptionArgs.Number(value, 1, 20_000_000) },
            "--month" => DateOnly.TryParseExact(value, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var m)
                ? o with { Year = m.Year, Month = m.Month }
                : throw new FormatException("expected YYYY-MM"),
            "--seed" => o with { Seed = (int)OptionArgs.Number(value, 0, int.MaxValue) },
            "--folder" => o with { Folder = value },
            _ => throw OptionArgs.Unknown(name),
        }, out error);
}
