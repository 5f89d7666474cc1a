using System.Runtime.InteropServices;

namespace HallDevices.QueueServer.Storage;

/// <summary>
/// Puts the calling thread in Linux's <c>SCHED_IDLE</c> class (sched(7)): it runs only on CPU time
/// no ordinary thread wants, and any ordinary thread that wakes up takes its CPU at once.
/// </summary>
/// <remarks>
/// Why: on the 2-core CI machine the hall store's database writer ran milliseconds at a stretch,
/// and the kernel let it finish while the broker, just woken to forward a reply, waited for that
/// CPU (seen with <c>perf sched timehist</c>); that wait was most of the ticket request's p99. A
/// nice value does not help: only the idle class makes a waking thread preempt the running one
/// (nice 10 and <c>SCHED_BATCH</c> left the p99 where it was; figures in docs/perf.md, MQTT load).
/// Lowering a thread needs no privilege; raising it back would (<c>CAP_SYS_NICE</c>), so a thread
/// that must catch up at normal priority is a separate thread.
/// </remarks>
internal static class IdlePriority
{
    private const int SchedIdle = 5;

    /// <summary>Moves the calling thread to <c>SCHED_IDLE</c>; returns why not when it cannot (another OS, or refused).</summary>
    public static string? TryEnter()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "SCHED_IDLE exists only on Linux";
        }

        try
        {
            // pid 0: the calling thread (sched_setscheduler(2) acts on one thread on Linux).
            var param = new SchedParam(0);
            return sched_setscheduler(0, SchedIdle, ref param) == 0
                ? null
                : $"sched_setscheduler failed with errno {Marshal.GetLastPInvokeError()}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without it (not glibc or musl): run at normal priority, as before.
            return e.Message;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct SchedParam(int Priority);

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setscheduler(int pid, int policy, ref SchedParam param);
}
