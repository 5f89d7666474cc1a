using System.Runtime.InteropServices;
using HallDevices.LoadGen;
using HallDevices.LoadGen.Consoles;
using HallDevices.LoadGen.Http;
using HallDevices.LoadGen.Reports;

// The measured child of the reports mode: no signals, no children, just the run.
if (args is [ReportsBench.MeasureMode, var reportsFolder])
{
    return ReportsMeasure.Run(reportsFolder);
}

// "consoles": the staff consoles' live feed (issue 14); "reports": a district's month → the
// bulletin (issue 15); "http": remote tickets and bookings over HTTP with the rate limiter on
// (issue 17); otherwise the MQTT load of issue #3.
var consolesMode = args.Length > 0 && args[0] == "consoles";
var reportsMode = args.Length > 0 && args[0] == "reports";
var httpMode = args.Length > 0 && args[0] == "http";
LoadOptions? options = null;
ConsoleOptions? consoleOptions = null;
ReportsOptions? reportsOptions = null;
HttpOptions? httpOptions = null;
string? error;
if (consolesMode)
{
    consoleOptions = ConsoleOptions.Parse(args[1..], out error);
}
else if (reportsMode)
{
    reportsOptions = ReportsOptions.Parse(args[1..], out error);
}
else if (httpMode)
{
    httpOptions = HttpOptions.Parse(args[1..], out error);
}
else
{
    options = LoadOptions.Parse(args, out error);
}

if (options is null && consoleOptions is null && reportsOptions is null && httpOptions is null)
{
    var usage = consolesMode ? ConsoleOptions.Usage : reportsMode ? ReportsOptions.Usage : httpMode ? HttpOptions.Usage : LoadOptions.Usage;
    Console.Error.WriteLine(error is null ? usage : $"loadgen: {error}\n\n{usage}");
    return error is null ? 0 : 2;
}

// Dozens of requests are in flight on 2 cores: do not let thread injection pace the generator.
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, 32), io);

// Ctrl+C (SIGINT), SIGTERM or SIGHUP once: stop the phases and clean up in order; a second one:
// kill the children and leave at once. (.NET runs no ProcessExit handlers on an unhandled SIGTERM
// here, so the signals are taken explicitly.) ProcessExit still sweeps whatever remains tracked.
using var stop = new CancellationTokenSource();
var signals = 0;
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    if (Interlocked.Increment(ref signals) == 1)
    {
        Console.Error.WriteLine($"loadgen: {context.Signal}, stopping (again to kill at once)");
        stop.Cancel();
    }
    else
    {
        Cleanup.All();
        Environment.Exit(130);
    }
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
AppDomain.CurrentDomain.ProcessExit += (_, _) => Cleanup.All();

try
{
    return consoleOptions is not null ? await ConsoleBench.RunAsync(consoleOptions, stop.Token)
        : reportsOptions is not null ? await ReportsBench.RunAsync(reportsOptions, stop.Token)
        : httpOptions is not null ? await HttpBench.RunAsync(httpOptions, stop.Token)
        : await LoadGenApp.RunAsync(options!, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("loadgen: cancelled");
    return 130;
}
finally
{
    Cleanup.All();
}
