using BenchmarkDotNet.Running;

namespace HallDevices.Display.Bench;

internal static class BenchProgram
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
}
