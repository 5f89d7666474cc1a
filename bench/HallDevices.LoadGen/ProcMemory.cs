using System.Globalization;

namespace HallDevices.LoadGen;

/// <summary>Resident memory of a process from <c>/proc/PID/status</c> (Linux).</summary>
internal static class ProcMemory
{
    /// <summary>VmRSS in MiB, or null when the process is gone or /proc is unreadable.</summary>
    public static double? RssMiB(int pid) => Read(pid, "VmRSS:");

    /// <summary>RssAnon (heap, stacks: the process's own memory) in MiB.</summary>
    public static double? AnonMiB(int pid) => Read(pid, "RssAnon:");

    /// <summary>RssFile (mapped runtime and app images, shared with other processes using them) in MiB.</summary>
    public static double? FileMiB(int pid) => Read(pid, "RssFile:");

    /// <summary>RssShmem (.NET's double-mapped JIT code under W^X) in MiB.</summary>
    public static double? ShmemMiB(int pid) => Read(pid, "RssShmem:");

    /// <summary>VmHWM (peak RSS) in MiB.</summary>
    public static double? PeakRssMiB(int pid) => Read(pid, "VmHWM:");

    private static double? Read(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
