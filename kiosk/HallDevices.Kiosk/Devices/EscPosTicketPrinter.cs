using HallDevices.Devices.Printer;
using HallDevices.Kiosk.Flows;
using HallDevices.Kiosk.Tickets;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Devices;

/// <summary>
/// The kiosk's thermal printer: ESC/POS over a serial line. A ticket goes out as the rendered
/// raster (<c>GS v 0</c>) or, for printers configured without raster, as GB18030 text with the
/// printer's own QR code. Status is a real <c>DLE EOT</c> round trip every time.
/// </summary>
public sealed class EscPosTicketPrinter(PrinterPort link, TicketRenderer renderer, IOptions<KioskOptions> options, TimeProvider time, ILogger<EscPosPrinter> log) : ITicketPrinter
{
    // A printer answers DLE EOT within milliseconds; a busy kiosk PC may take longer to read it.
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public Task<PrinterHealth> CheckAsync(CancellationToken cancellationToken) =>
        link.UseAsync(async stream =>
        {
            using var printer = new EscPosPrinter(stream, time, log, StatusTimeout);
            return (await printer.QueryStatusAsync(cancellationToken)).Health;
        }, cancellationToken);

    /// <inheritdoc />
    public Task PrintAsync(TicketContent ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var job = options.Value.Printer.Raster ? Raster(ticket) : Text(ticket);
        return link.UseAsync(async stream =>
        {
            using var printer = new EscPosPrinter(stream, time, log, StatusTimeout);
            await printer.PrintAsync(job, cancellationToken);
            return true;
        }, cancellationToken);
    }

    private byte[] Raster(TicketContent ticket) => new EscPosBuilder()
        .Initialize()
        .Align(EscPosAlignment.Center)
        .RasterImage(renderer.RenderMonochrome(ticket))
        .Feed(4)
        .Cut()
        .ToArray();

    private static byte[] Text(TicketContent ticket)
    {
        var b = new EscPosBuilder().Initialize().ChineseMode(true).Align(EscPosAlignment.Center)
            .Line(ticket.HallName)
            .Size(4, 4).Bold(true).Line(ticket.Number).Bold(false).Size(1, 1);
        foreach (var line in ticket.DetailLines())
        {
            b.Line(line);
        }

        return b.QrCode(ticket.TrackUrl, moduleSize: 6).Line(ticket.Hint).Feed(4).Cut().ToArray();
    }
}

/// <summary>Stands in when no printer is configured: every ticket attempt says the printer is not ready.</summary>
public sealed class NoPrinter : ITicketPrinter
{
    /// <inheritdoc />
    public Task<PrinterHealth> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(PrinterHealth.Error);

    /// <inheritdoc />
    public Task PrintAsync(TicketContent ticket, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("no printer is configured (Kiosk:Printer:Port)");
}
