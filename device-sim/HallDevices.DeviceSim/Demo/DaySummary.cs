using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HallDevices.DeviceSim.Demo;

/// <summary>One row of the day's summary.</summary>
/// <param name="Metric">What is counted or measured.</param>
/// <param name="Scope">Service, counter or <c>all</c>.</param>
/// <param name="Value">The figure.</param>
public sealed record SummaryRow(string Metric, string Scope, double Value);

/// <summary>
/// The day in figures, computed from the hall's event log only (as the district's reports would
/// be): tickets per service, mean and p90 wait, tickets served per counter, evaluation rate and mean
/// score. Waits are in hall minutes (the demo's clock is accelerated).
/// </summary>
public static class DaySummary
{
    /// <summary>
    /// The hall's published event log, oldest first, through the HTTP API, read with a session that
    /// oversees the hall (ratings are not shown to the public). Pages follow the last sequence
    /// read: the log's follow-up records are never published, so sequences have holes.
    /// </summary>
    public static async Task<List<JsonElement>> FetchEventsAsync(HttpClient http, string hallId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var all = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            var page = await http.GetFromJsonAsync<List<JsonElement>>($"/api/halls/{hallId}/events?after={after}&limit=5000", cancellationToken);
            if (page is null || page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            after = page[^1].GetProperty("sequence").GetInt64();
        }
    }

    /// <summary>Computes the summary.</summary>
    public static IReadOnlyList<SummaryRow> Compute(IReadOnlyList<JsonElement> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        string Type(JsonElement e) => e.GetProperty("type").GetString()!;
        var rows = new List<SummaryRow>();
        var issued = events.Where(e => Type(e) == "ticket-issued").ToList();
        foreach (var g in issued.GroupBy(e => e.GetProperty("serviceId").GetString()!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            rows.Add(new SummaryRow("tickets", g.Key, g.Count()));
        }

        rows.Add(new SummaryRow("tickets", "all", issued.Count));
        rows.Add(new SummaryRow("voided", "all", events.Count(e => Type(e) == "ticket-voided")));
        rows.Add(new SummaryRow("no-shows", "all", events.Count(e => Type(e) == "ticket-skipped")));

        // A ticket's wait is from issue to its first call.
        var waits = events.Where(e => Type(e) == "ticket-called")
            .GroupBy(e => e.GetProperty("ticketId").GetString())
            .Select(g => g.First().GetProperty("waitedSeconds").GetDouble() / 60)
            .Order()
            .ToList();
        rows.Add(new SummaryRow("wait-mean-minutes", "all", waits.Count == 0 ? 0 : Math.Round(waits.Average(), 1)));
        rows.Add(new SummaryRow("wait-p90-minutes", "all", waits.Count == 0 ? 0 : Math.Round(waits[(int)Math.Ceiling(0.9 * waits.Count) - 1], 1)));

        var finished = events.Where(e => Type(e) == "ticket-finished").ToList();
        foreach (var g in finished.GroupBy(e => e.GetProperty("counterId").GetString()!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            rows.Add(new SummaryRow("served", g.Key, g.Count()));
        }

        rows.Add(new SummaryRow("served", "all", finished.Count));
        var ratings = events.Where(e => Type(e) == "evaluation").Select(e => e.GetProperty("score").GetInt32()).ToList();
        rows.Add(new SummaryRow("evaluation-rate", "all", finished.Count == 0 ? 0 : Math.Round((double)ratings.Count / finished.Count, 2)));
        rows.Add(new SummaryRow("evaluation-mean-score", "all", ratings.Count == 0 ? 0 : Math.Round(ratings.Average(), 2)));
        return rows;
    }

    /// <summary>Writes <c>summary.csv</c> (<c>metric,scope,value</c>).</summary>
    public static void WriteCsv(IReadOnlyList<SummaryRow> rows, string path)
    {
        var sb = new StringBuilder("metric,scope,value\n");
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Metric},{r.Scope},{r.Value.ToString(CultureInfo.InvariantCulture)}\n");
        }

        File.WriteAllText(path, sb.ToString());
    }

    /// <summary>Prints the summary as a table.</summary>
    public static void Print(IReadOnlyList<SummaryRow> rows, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("  metric                  scope               value");
        foreach (var r in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Metric,-23} {r.Scope,-19} {r.Value,6}"));
        }
    }
}
