using System.Globalization;
using System.Text.Json;
using HallDevices.Contracts;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// <c>device-sim demo [--citizens N] [--kiosks K] [--speed X] [--seed S] [--out DIR] [--live]</c>:
/// the whole hall in one command. Prints progress while the morning plays out and, as its last
/// line, the absolute path of the artefacts folder. On any failure it stops everything it started,
/// says which part failed and why, and exits non-zero.
/// </summary>
public static class DemoCommand
{
    /// <summary>Runs the demo.</summary>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> o, TextWriter output, TextWriter error, CancellationToken stop, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(o);
        time ??= TimeProvider.System;
        var citizens = Int(o, "citizens", 40);
        var kiosks = Int(o, "kiosks", 2);
        var seed = Int(o, "seed", 2026);
        var speed = double.Parse(o.GetValueOrDefault("speed", "30"), CultureInfo.InvariantCulture);
        var live = o.GetValueOrDefault("live", "false") == "true";
        var artefacts = Path.GetFullPath(o.GetValueOrDefault("out", Path.Combine(Build.Root, "out", $"demo-{time.GetLocalNow():yyyyMMdd-HHmmss}")));
        Directory.CreateDirectory(artefacts);

        try
        {
            await using var hall = await DemoHall.StartAsync(artefacts, kiosks, speed, output, time, stop);
            var monitor = new HallMonitor(output, hall.HallId, time);
            var watcher = await hall.ConnectAsync("demo-monitor", stop);
            await monitor.AttachAsync(watcher, stop);
            output.WriteLine($"hall is up: board {hall.Board}, server {hall.Server}; {citizens} citizens arrive");

            var script = new DemoScript(hall, monitor, citizens, seed, output, time);
            await script.RunAsync(stop);

            // Let the display and the printers settle on the final state, then read the day's log.
            await Task.Delay(TimeSpan.FromSeconds(2), time, stop);
            // As the district reads it: the sample district viewer sees the ratings too.
            var events = await DaySummary.FetchEventsAsync(await hall.Console.SessionAsync("district", stop), hall.HallId, stop);
            await File.WriteAllLinesAsync(Path.Combine(artefacts, "events.jsonl"), events.Select(e => e.GetRawText()), stop);
            if (monitor.Board is { } board)
            {
                await File.WriteAllTextAsync(Path.Combine(artefacts, "board-final.json"), ContractJson.Serialize(board), stop);
            }

            var rows = DaySummary.Compute(events);
            DaySummary.WriteCsv(rows, Path.Combine(artefacts, "summary.csv"));
            output.WriteLine();
            output.WriteLine($"the morning is over: {script.Tickets} tickets printed, {script.Refusals} citizens turned away with a reason");
            DaySummary.Print(rows, output);

            if (live)
            {
                output.WriteLine($"--live: the hall keeps running. Board: {hall.Board}  Server: {hall.Server}  Broker: 127.0.0.1:{hall.MqttPort}");
                output.WriteLine("Ctrl+C stops it.");
                await Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        catch (DemoException e)
        {
            error.WriteLine($"demo failed in {e.Part}: {e.Message}");
            error.WriteLine($"logs: {Path.Combine(artefacts, "logs")}");
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            error.WriteLine("demo stopped");
            return live ? 0 : 130;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException or JsonException or InvalidOperationException)
        {
            error.WriteLine($"demo failed: {e.GetType().Name}: {e.Message}");
            error.WriteLine($"logs: {Path.Combine(artefacts, "logs")}");
            return 1;
        }

        output.WriteLine(artefacts);
        return 0;
    }

    private static int Int(IReadOnlyDictionary<string, string> o, string key, int fallback) =>
        o.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
