using BenchmarkDotNet.Running;

namespace HallDevices.Bench;

internal static class BenchProgram
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
}
