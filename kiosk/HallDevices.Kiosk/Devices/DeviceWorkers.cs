using HallDevices.Devices.IdCard;
using HallDevices.Devices.Scanner;
using HallDevices.Devices.Serial;
using HallDevices.Kiosk.Flows;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Devices;

/// <summary>
/// Keeps a serial device's read loop alive through <see cref="SerialLink"/>: open, run until the
/// line fails, report it in the device status, reopen when the device returns.
/// </summary>
public abstract class SerialWorker(string name, string path, int baudRate, DeviceHealth health, TimeProvider time, ILogger<SerialLink> log) : BackgroundService
{
    /// <summary>The clock.</summary>
    protected TimeProvider Time => time;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var link = new SerialLink(new SerialLinkOptions { PortName = path, BaudRate = baudRate, ReconnectInterval = TimeSpan.FromSeconds(2) }, time, log);
        link.StateChanged += (_, e) => health.Report(name, e.State == SerialLinkState.Connected ? null : "disconnected");
        health.Report(name, "disconnected");
        return link.RunAsync(RunAsync, stoppingToken);
    }

    /// <summary>Runs the device's loop on the open port until it fails or stops.</summary>
    protected abstract Task RunAsync(Stream stream, CancellationToken stoppingToken);
}

/// <summary>Polls the ID-card reader; each card presented goes to the session (the raw number no further).</summary>
public sealed class IdCardWorker(KioskSession session, DeviceHealth health, IOptions<KioskOptions> options, TimeProvider time, ILogger<SerialLink> linkLog, ILogger<IdCardReader> log)
    : SerialWorker("id-card reader", options.Value.IdCardReader.Port!, options.Value.IdCardReader.BaudRate, health, time, linkLog)
{
    /// <inheritdoc />
    protected override async Task RunAsync(Stream stream, CancellationToken stoppingToken)
    {
        using var reader = new IdCardReader(stream, Time, log);
        reader.CardPresented += (_, e) =>
        {
            var card = e.Card.Text;
            if (!card.HasValidIdNumber)
            {
                log.LogWarning("Card with an invalid ID check digit ignored");
                return;
            }

            session.CardPresented(card.Name, card.IdNumber, card.MaskedIdNumber);
        };
        await reader.RunAsync(stoppingToken);
    }
}

/// <summary>Reads codes from the scanner and hands each to the session.</summary>
public sealed class ScannerWorker(KioskSession session, DeviceHealth health, IOptions<KioskOptions> options, TimeProvider time, ILogger<SerialLink> linkLog, ILogger<BarcodeScanner> log)
    : SerialWorker("scanner", options.Value.Scanner.Port!, options.Value.Scanner.BaudRate, health, time, linkLog)
{
    /// <inheritdoc />
    protected override async Task RunAsync(Stream stream, CancellationToken stoppingToken)
    {
        var o = options.Value.Scanner;
        var framing = new ScannerFraming { Prefix = o.Prefix, Suffix = o.Suffix == "cr" ? ScannerSuffix.Cr : ScannerSuffix.CrLf, MaxLength = o.MaxLength };
        var scanner = new BarcodeScanner(stream, framing, Time, log);
        await foreach (var code in scanner.ReadCodesAsync(stoppingToken))
        {
            await session.ScannedAsync(code.Code, stoppingToken);
        }

        throw new IOException("the scanner line closed");
    }
}
