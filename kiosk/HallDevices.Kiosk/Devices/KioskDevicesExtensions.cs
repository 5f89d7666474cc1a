using HallDevices.Kiosk.Flows;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Devices;

/// <summary>Registers a worker for each device the configuration names; an absent device means an absent flow.</summary>
public static class KioskDevicesExtensions
{
    /// <summary>Printer (or <see cref="NoPrinter"/>), ID-card reader and scanner workers as configured.</summary>
    public static IServiceCollection AddKioskDevices(this IServiceCollection services, KioskOptions kiosk)
    {
        ArgumentNullException.ThrowIfNull(kiosk);
        services.AddSingleton<DeviceHealth>();
        if (string.IsNullOrEmpty(kiosk.Printer.Port))
        {
            services.AddSingleton<ITicketPrinter, NoPrinter>();
        }
        else
        {
            services.AddSingleton(sp =>
            {
                var o = sp.GetRequiredService<IOptions<KioskOptions>>().Value.Printer;
                return new PrinterPort(o.Port!, o.BaudRate);
            });
            services.AddSingleton<ITicketPrinter, EscPosTicketPrinter>();
        }

        services.AddHostedService<PrinterMonitor>();
        if (!string.IsNullOrEmpty(kiosk.IdCardReader.Port))
        {
            services.AddHostedService<IdCardWorker>();
        }

        if (!string.IsNullOrEmpty(kiosk.Scanner.Port))
        {
            services.AddHostedService<ScannerWorker>();
        }

        return services;
    }
}
