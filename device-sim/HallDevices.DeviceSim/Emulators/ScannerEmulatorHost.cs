using System.Text;

namespace HallDevices.DeviceSim.Emulators;

/// <summary>A barcode/QR scanner on a serial line: each scanned code is sent as <c>[prefix]code[suffix]</c>.</summary>
public sealed class ScannerEmulatorHost(Stream wire, string prefix = "", string suffix = "\r\n")
{
    /// <summary>"Scans" one code.</summary>
    public async Task ScanAsync(string code, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(prefix + code + suffix);
        await wire.WriteAsync(bytes, cancellationToken);
        await wire.FlushAsync(cancellationToken);
    }
}
