using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HallDevices.Testing;
using SkiaSharp;

namespace HallDevices.DeviceSim.Tests;

/// <summary>A CI-sized run of the README's demo, checked by its artefacts.</summary>
public class DemoTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> RunDemoAsync(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(Repo.Root, "device-sim", "HallDevices.DeviceSim", "bin", Repo.Configuration, "net10.0", "device-sim.dll"));
        psi.ArgumentList.Add("demo");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        return (p.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task The_demo_plays_a_morning_and_leaves_receipts_board_snapshots_announcements_and_a_summary_that_match_the_event_log()
    {
        var outDir = Path.Combine(TempDir.Create("demo"), "artefacts");

        var (exit, stdout, stderr) = await RunDemoAsync(null, "--citizens", "10", "--out", outDir);

        Assert.True(exit == 0, $"demo exited {exit}\n{stderr}\n{stdout}");
        Assert.Equal(outDir, stdout.TrimEnd().Split('\n')[^1]);
        var events = File.ReadAllLines(Path.Combine(outDir, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        string Type(JsonElement e) => e.GetProperty("type").GetString()!;

        // Every issued ticket that was not voided for a failed print has a receipt whose QR decodes to it.
        var printFailed = events.Where(e => Type(e) == "ticket-voided" && e.GetProperty("reason").GetString()!.StartsWith("print-failed", StringComparison.Ordinal))
            .Select(e => e.GetProperty("number").GetString()).ToHashSet();
        var issued = events.Where(e => Type(e) == "ticket-issued").Select(e => e.GetProperty("number").GetString()!).Where(n => !printFailed.Contains(n)).ToHashSet();
        // The QR is the tracking link /t/{hall}/{number}?k={token}.
        var printed = Directory.GetFiles(outDir, "receipt-*.png").Select(f => QrCodes.DecodePng(f)?.Split('?')[0].Split('/')[^1] ?? $"no QR read in {Path.GetFileName(f)}").ToList();
        Assert.NotEmpty(issued);
        Assert.Equal(issued.Order(), printed.Order());

        // The final board is the last calls of the event log: the retained board message lists them,
        // and the last snapshot shows them — the current number and window, the latest calls, and
        // nobody waiting — pixel for pixel as the display's renderer draws that board.
        var expected = ExpectedBoard.FromEventLog(events, Repo.SampleHallFile);
        var lastCall = events.Last(e => Type(e) is "ticket-called" or "ticket-recalled").GetProperty("number").GetString()!;
        Assert.Equal(lastCall, expected.Calls[0].Ticket);
        var board = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "board-final.json"))).RootElement;
        Assert.Equal(
            expected.Calls.Select(c => (c.Ticket, c.CounterId)),
            board.GetProperty("calls").EnumerateArray().Select(c => (c.GetProperty("ticket").GetString()!, c.GetProperty("counterId").GetString()!)));
        using (var snapshot = SKBitmap.Decode(Path.Combine(outDir, "board-latest.png")))
        {
            Assert.Equal((1920, 1080), (snapshot.Width, snapshot.Height));
            Assert.True(expected.ShowsCalls(snapshot), $"board-latest.png does not show the last calls {string.Join(", ", expected.Calls.Select(c => $"{c.Ticket}→{c.CounterId}"))}");
            Assert.False(expected.WithCurrent(lastCall == "A999" ? "B999" : "A999").ShowsCalls(snapshot));
            Assert.True(expected.ShowsWaiting(snapshot), "board-latest.png does not show every queue empty");

            // The board's clock is the hall's accelerated clock: a minute of the simulated morning
            // shortly after the last event, not the real time.
            var lastAt = events[^1].GetProperty("at").GetDateTimeOffset();
            var lastMinute = new DateTimeOffset(lastAt.Year, lastAt.Month, lastAt.Day, lastAt.Hour, lastAt.Minute, 0, lastAt.Offset);
            var shown = Enumerable.Range(-1, 12).Select(m => lastMinute.AddMinutes(m)).Where(t => expected.ShowsClock(snapshot, t)).ToList();
            Assert.True(shown.Count == 1, $"board-latest.png's header shows none of the hall minutes {lastMinute.AddMinutes(-1):HH:mm}–{lastMinute.AddMinutes(10):HH:mm}");
        }

        Assert.True(Directory.GetFiles(outDir, "board-0*.png").Length > 1);

        // The window LED strips were drawn as the display drove them over the Modbus bus.
        Assert.Equal(6, Directory.GetFiles(outDir, "led-w*.png").Length);

        // Announcements were spoken to WAV files (RIFF/WAVE with some audio in them).
        var wavs = Directory.GetFiles(outDir, "*.wav");
        Assert.NotEmpty(wavs);
        var header = File.ReadAllBytes(wavs[0]);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(header, 0, 4));
        Assert.True(header.Length > 8000);

        // The summary's counts are the event log's.
        var summary = File.ReadAllLines(Path.Combine(outDir, "summary.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(r => (r[0], r[1]), r => double.Parse(r[2], CultureInfo.InvariantCulture));
        Assert.Equal(events.Count(e => Type(e) == "ticket-issued"), summary[("tickets", "all")]);
        Assert.Equal(events.Count(e => Type(e) == "ticket-finished"), summary[("served", "all")]);
        Assert.Equal(events.Count(e => Type(e) == "ticket-skipped"), summary[("no-shows", "all")]);
        foreach (var g in events.Where(e => Type(e) == "ticket-issued").GroupBy(e => e.GetProperty("serviceId").GetString()!))
        {
            Assert.Equal(g.Count(), summary[("tickets", g.Key)]);
        }

        // Every part of the hall took part: both kiosks printed, a printer ran dry, a window paused.
        Assert.Contains(Directory.GetFiles(outDir, "receipt-kiosk-01-*.png"), _ => true);
        Assert.Contains(Directory.GetFiles(outDir, "receipt-kiosk-02-*.png"), _ => true);
        Assert.Contains("printer-paper-out", stdout, StringComparison.Ordinal);
        Assert.Contains(events, e => Type(e) == "counter-changed" && e.GetProperty("action").GetString() == "pause");
        Assert.Contains(events, e => Type(e) == "counter-changed" && e.GetProperty("action").GetString() == "resume");
        Assert.Contains(events, e => Type(e) == "evaluation");
    }

    [Fact]
    public async Task A_part_that_fails_to_start_stops_the_demo_with_its_name_and_a_nonzero_exit()
    {
        var outDir = Path.Combine(TempDir.Create("demo-fail"), "artefacts");

        // The kiosks inherit this and refuse to start without their font.
        var (exit, _, stderr) = await RunDemoAsync(new Dictionary<string, string> { ["Kiosk__FontPath"] = "/nonexistent/font.ttc" }, "--citizens", "2", "--out", outDir);

        Assert.NotEqual(0, exit);
        Assert.Contains("demo failed in kiosk-01", stderr, StringComparison.Ordinal);
        Assert.Contains("FontPath", stderr, StringComparison.Ordinal);
    }
}
