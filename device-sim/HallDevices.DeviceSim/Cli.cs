using System.Globalization;
using HallDevices.DeviceSim.Emulators;

namespace HallDevices.DeviceSim;

/// <summary>The <c>device-sim</c> command line: one emulator per invocation, driven from stdin.</summary>
public static class Cli
{
    private const string Usage = """
        usage:
          device-sim id-card [--port PATH] [--card N]       ID-card reader; stdin: place | remove | card N
          device-sim scanner [--port PATH] [--prefix P] [--suffix crlf|cr]
                                                            barcode scanner; each stdin line is scanned
          device-sim printer [--port PATH] --out DIR [--paper ok|near-end|out] [--width 576|384]
                                                            ESC/POS printer; receipts to DIR/receipt-NNNN.png;
                                                            stdin: paper ok|near-end|out|runs-out | cover open|closed
          device-sim bus [--port PATH] --config FILE [--out DIR] [--baud 9600]
                                                            Modbus RTU keypads, evaluators, LED strips (RS-485);
                                                            stdin: press ADDR call-next|recall|skip|finish|pause |
                                                            rate ADDR 1-5 | show | unplug ADDR | plug ADDR;
                                                            LED strips to DIR/led-{counter}.png
          device-sim demo [--citizens N] [--kiosks K] [--speed X] [--out DIR] [--live]
                                                            the whole simulated hall (docs/demo in README)
        Without --port the emulator makes a pty pair itself and prints the path the host should open.
        """;

    /// <summary>Runs one emulator until stdin says <c>quit</c>, the wire closes, or the process is stopped.</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var options = ParseOptions(args.AsSpan(1), error);
        if (options is null)
        {
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });

        try
        {
            return args[0] switch
            {
                "id-card" => await RunIdCardAsync(options, input, output, stop.Token),
                "scanner" => await RunScannerAsync(options, input, output, stop.Token),
                "printer" => await RunPrinterAsync(options, input, output, error, stop.Token),
                "bus" => await RunBusAsync(options, input, output, error, stop.Token),
                "demo" => await Demo.DemoCommand.RunAsync(options, output, error, stop.Token),
                _ => Unknown(args[0], error),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine($"device-sim {args[0]}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunIdCardAsync(Dictionary<string, string> o, TextReader input, TextWriter output, CancellationToken stop)
    {
        using var endpoint = SerialEndpoint.Open(o.GetValueOrDefault("port"), 115200, "id-card");
        Announce(endpoint, "id-card", output);
        var host = new IdCardEmulatorHost(endpoint.Stream, output);
        if (o.TryGetValue("card", out var card))
        {
            host.Command("card " + card);
        }

        return await RunWithCommandsAsync(host.RunAsync, line => host.Command(line), input, output, stop);
    }

    private static async Task<int> RunPrinterAsync(Dictionary<string, string> o, TextReader input, TextWriter output, TextWriter error, CancellationToken stop)
    {
        if (!o.TryGetValue("out", out var outDir))
        {
            error.WriteLine("device-sim printer: --out DIR is required (receipts are written there)");
            return 2;
        }

        var width = o.GetValueOrDefault("width", "576") switch
        {
            "384" => 384,
            "576" => 576,
            var w => throw new InvalidOperationException($"--width is 384 (58 mm) or 576 (80 mm), not {w}"),
        };
        using var renderer = new ReceiptRenderer(o.GetValueOrDefault("font", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), width);
        using var endpoint = SerialEndpoint.Open(o.GetValueOrDefault("port"), 115200, "printer");
        var host = new PrinterEmulatorHost(endpoint.Stream, Path.GetFullPath(outDir), renderer, output);
        if (o.TryGetValue("paper", out var paper) && !host.Command("paper " + paper))
        {
            error.WriteLine($"device-sim printer: --paper is ok, near-end or out, not '{paper}'");
            return 2;
        }

        Announce(endpoint, "printer", output);
        return await RunWithCommandsAsync(host.RunAsync, host.Command, input, output, stop);
    }

    private static async Task<int> RunBusAsync(Dictionary<string, string> o, TextReader input, TextWriter output, TextWriter error, CancellationToken stop)
    {
        if (!o.TryGetValue("config", out var config))
        {
            error.WriteLine("device-sim bus: --config FILE is required (the bus map: which address is which device of which window)");
            return 2;
        }

        IReadOnlyList<BusDeviceEntry> map;
        try
        {
            map = BusMap.Load(config);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            error.WriteLine($"device-sim bus: {e.Message}");
            return 2;
        }

        if (!int.TryParse(o.GetValueOrDefault("baud", "9600"), NumberStyles.None, CultureInfo.InvariantCulture, out var baud) || baud <= 0)
        {
            error.WriteLine($"device-sim bus: --baud takes a positive number, not '{o["baud"]}'");
            return 2;
        }

        using var pictures = o.TryGetValue("out", out var outDir)
            ? new LedStripPictures(Path.GetFullPath(outDir), new HallDevices.Devices.Signs.SignTextRenderer(o.GetValueOrDefault("font", HallDevices.Devices.Signs.SignTextRenderer.DefaultFontPath)))
            : null;
        using var endpoint = SerialEndpoint.Open(o.GetValueOrDefault("port"), baud, "bus");
        var host = new BusEmulatorHost(endpoint.Stream, map, output, pictures);
        output.WriteLine($"bus: {map.Count} devices: " + string.Join(", ", map.Select(d => $"{d.Address}={BusMap.Name(d.Kind)}:{d.Counter}")));
        Announce(endpoint, "bus", output);
        return await RunWithCommandsAsync(host.RunAsync, host.Command, input, output, stop);
    }

    private static async Task<int> RunScannerAsync(Dictionary<string, string> o, TextReader input, TextWriter output, CancellationToken stop)
    {
        using var endpoint = SerialEndpoint.Open(o.GetValueOrDefault("port"), 9600, "scanner");
        Announce(endpoint, "scanner", output);
        var suffix = o.GetValueOrDefault("suffix", "crlf") == "cr" ? "\r" : "\r\n";
        var host = new ScannerEmulatorHost(endpoint.Stream, o.GetValueOrDefault("prefix", ""), suffix);
        return await RunWithCommandsAsync(
            ct => Task.Delay(Timeout.Infinite, ct),
            line =>
            {
                host.ScanAsync(line, stop).GetAwaiter().GetResult();
                output.WriteLine($"scanned {line.Length} characters");
                return true;
            },
            input,
            output,
            stop);
    }

    /// <summary>
    /// Runs the wire loop and reads stdin commands beside it. End of stdin does not stop the
    /// emulator (it may run detached); <c>quit</c>, a closed wire or a signal does.
    /// </summary>
    private static async Task<int> RunWithCommandsAsync(Func<CancellationToken, Task> wire, Func<string, bool> command, TextReader input, TextWriter output, CancellationToken stop)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var wireTask = wire(linked.Token);
        var commands = Task.Run(async () =>
        {
            while (await input.ReadLineAsync(linked.Token) is { } line)
            {
                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (line == "quit")
                {
                    linked.Cancel();
                    return;
                }

                if (!command(line))
                {
                    output.WriteLine($"unknown command: {line}");
                }
            }
        }, linked.Token);

        try
        {
            await wireTask;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        return stop.IsCancellationRequested || linked.IsCancellationRequested ? 0 : 1;
    }

    private static void Announce(SerialEndpoint endpoint, string name, TextWriter output)
    {
        if (endpoint.HostPath is { } host)
        {
            output.WriteLine($"{name} emulator ready; host port: {host}");
        }
        else
        {
            output.WriteLine($"{name} emulator ready");
        }

        output.Flush();
    }

    private static Dictionary<string, string>? ParseOptions(ReadOnlySpan<string> args, TextWriter error)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--live")
            {
                options["live"] = "true"; // a flag: keep the demo hall running
                continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error.WriteLine($"device-sim: expected --option VALUE, got '{args[i]}'");
                return null;
            }

            options[args[i][2..]] = args[++i];
        }

        if (options.TryGetValue("card", out var card) && !int.TryParse(card, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            error.WriteLine($"device-sim: --card takes a positive number, not '{card}'");
            return null;
        }

        return options;
    }

    private static int Unknown(string name, TextWriter error)
    {
        error.WriteLine($"device-sim: unknown emulator '{name}'");
        error.WriteLine(Usage);
        return 2;
    }
}
