using System.Globalization;
using HallDevices.Devices.Printer;

namespace HallDevices.DeviceSim.Emulators;

/// <summary>Paper as the emulated printer reports it.</summary>
public enum PaperState
{
    /// <summary>Plenty.</summary>
    Ok,

    /// <summary>Near the end of the roll: still prints.</summary>
    NearEnd,

    /// <summary>None: nothing prints.</summary>
    Out,
}

/// <summary>
/// An ESC/POS thermal printer on a serial line: parses what the host sends, answers
/// <c>DLE EOT n</c> status queries from its paper and cover switches, and writes each receipt
/// (ended by a cut) to <c>{out}/receipt-0001.png</c>, <c>receipt-0002.png</c>, ... With no paper
/// or the cover open it prints nothing, as a real printer would. Stdin: <c>paper ok|near-end|out</c>,
/// <c>paper runs-out</c> (the roll ends during the next receipt), <c>cover open|closed</c>.
/// </summary>
public sealed class PrinterEmulatorHost(Stream wire, string outDir, ReceiptRenderer renderer, TextWriter output, string filePrefix = "receipt-")
{
    private readonly EscPosParser _parser = new();
    private readonly List<EscPosCommand> _receipt = [];
    private readonly Lock _gate = new();
    private int _printed;
    private bool _runsOutOnNextJob;

    /// <summary>Paper switch.</summary>
    public PaperState Paper { get; set; } = PaperState.Ok;

    /// <summary>Cover switch.</summary>
    public bool CoverOpen { get; set; }

    /// <summary>Receipts written so far.</summary>
    public int Printed => _printed;

    /// <summary>Handles one stdin command; false when it is not one.</summary>
    public bool Command(string line)
    {
        switch (line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            case ["paper", "ok"]:
                Paper = PaperState.Ok;
                break;
            case ["paper", "near-end"]:
                Paper = PaperState.NearEnd;
                break;
            case ["paper", "out"]:
                Paper = PaperState.Out;
                break;
            case ["paper", "runs-out"]:
                // The roll ends in the middle of the next receipt: status was fine before it.
                _runsOutOnNextJob = true;
                break;
            case ["cover", "open"]:
                CoverOpen = true;
                break;
            case ["cover", "closed"]:
                CoverOpen = false;
                break;
            default:
                return false;
        }

        output.WriteLine($"printer: paper {Paper}, cover {(CoverOpen ? "open" : "closed")}");
        return true;
    }

    /// <summary>Serves the wire until it closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDir);
        var buffer = new byte[4096];
        while (!cancellationToken.IsCancellationRequested)
        {
            var n = await wire.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                return;
            }

            IReadOnlyList<EscPosCommand> commands;
            lock (_gate)
            {
                commands = _parser.Feed(buffer.AsSpan(0, n));
            }

            foreach (var command in commands)
            {
                await HandleAsync(command, cancellationToken);
            }
        }
    }

    private async Task HandleAsync(EscPosCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case EscPosStatusRequest status:
                var state = new PrinterStatus(true, CoverOpen, Paper == PaperState.NearEnd, Paper == PaperState.Out, false);
                await wire.WriteAsync(new[] { state.Encode(status.N) }, cancellationToken);
                await wire.FlushAsync(cancellationToken);
                break;
            case EscPosCut:
                if (_runsOutOnNextJob)
                {
                    _runsOutOnNextJob = false;
                    Paper = PaperState.Out;
                }

                if (Paper == PaperState.Out || CoverOpen)
                {
                    output.WriteLine("printer: job dropped (no paper or cover open)");
                    _receipt.Clear();
                    break;
                }

                var number = Interlocked.Increment(ref _printed);
                var path = Path.Combine(outDir, string.Create(CultureInfo.InvariantCulture, $"{filePrefix}{number:0000}.png"));
                // Written whole, then moved into place: whoever watches the folder never reads half a PNG.
                await File.WriteAllBytesAsync(path + ".part", renderer.RenderPng(_receipt), cancellationToken);
                File.Move(path + ".part", path, overwrite: true);
                _receipt.Clear();
                output.WriteLine($"printer: receipt {path}");
                break;
            case EscPosInitialize:
                break;
            default:
                _receipt.Add(command);
                break;
        }
    }
}
