using System.Diagnostics;
using System.Globalization;

namespace HallDevices.LoadGen;

/// <summary>
/// How much CPU processes other than this run's own (the load generator, queue-server, Mosquitto)
/// used while it ran, from <c>/proc/stat</c> and <c>/proc/PID/stat</c>: on 2 shared cores that is
/// the honest caveat beside every latency figure.
/// </summary>
internal sealed class CpuAccount
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    // /proc/stat "cpu" line: user nice system idle iowait irq softirq steal; busy = all but idle and iowait.
    private static readonly int[] BusyFields = [1, 2, 3, 6, 7, 8];
    private readonly long _machineStart = MachineBusyTicks();
    private readonly long _selfStart = ProcessTicks(Environment.ProcessId);
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>Cores' worth of CPU used by other processes since construction; <paramref name="children"/> are this run's (counted from their start).</summary>
    public double OtherCores(params int?[] children)
    {
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var own = ProcessTicks(Environment.ProcessId) - _selfStart + children.Where(c => c is not null).Sum(c => ProcessTicks(c!.Value));
        var others = MachineBusyTicks() - _machineStart - own;
        return seconds <= 0 ? 0 : Math.Max(0, others / TicksPerSecond / seconds);
    }

    private static long MachineBusyTicks()
    {
        try
        {
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return BusyFields.Sum(i => long.Parse(f[i], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>CPU seconds (user + system) a process has used since it started; 0 when it is gone.</summary>
    public static double ProcessSeconds(int pid) => ProcessTicks(pid) / TicksPerSecond;

    private static long ProcessTicks(int pid)
    {
        try
        {
            // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
