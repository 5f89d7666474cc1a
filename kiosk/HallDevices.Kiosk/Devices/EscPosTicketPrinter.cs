using HallDevices.Devices.Printer;
using HallDevices.Kiosk.Flows;
using HallDevices.Kiosk.Tickets;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Devices;

/// <summary>
/// The kiosk's thermal printer: ESC/POS over a serial line. A ticket goes out as the rendered
/// raster (<c>GS v 0</c>) or, for printers configured without raster, as GB18030 text with the
/// printer's own QR code; a requested short guide goes below the details in both. Status is a
/// real <c>DLE EOT</c> round trip every time.
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
        var settings = options.Value.Printer;
        var job = settings.Raster ? Raster(ticket) : Text(ticket, settings.PaperWidthMm);
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

    /// <summary>The text-mode job: GB18030 text, the guide (if any) left-aligned and wrapped at the paper's columns, the printer's own QR code.</summary>
    private static byte[] Text(TicketContent ticket, int paperWidthMm)
    {
        var b = new EscPosBuilder().Initialize().ChineseMode(true).Align(EscPosAlignment.Center)
            .Line(ticket.HallName)
            .Size(4, 4).Bold(true).Line(ticket.Number).Bold(false).Size(1, 1);
        foreach (var line in ticket.DetailLines())
        {
            b.Line(line);
        }

        if (ticket.GuideLines.Count > 0)
        {
            var columns = TicketText.ColumnsPerLine(paperWidthMm);
            b.Line(new string('-', columns)).Align(EscPosAlignment.Left);
            foreach (var line in ticket.GuideLines.SelectMany(l => TicketText.Wrap(l, columns, s => TicketText.Columns(s))))
            {
                b.Line(line);
            }

            b.Align(EscPosAlignment.Center);
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
