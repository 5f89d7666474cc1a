using BenchmarkDotNet.Running;

namespace HallDevices.Display.Bench;

internal static class BenchProgram
{
    private static async Task<int> Main(string[] args)
    {
        // Per-call latencies are measured by hand, not by BenchmarkDotNet: it reports iteration means.
        if (args is ["--per-call", .. var rest])
        {
            return await PerCallLatency.RunAsync(rest, Console.Out);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
        return 0;
    }
}
