using System.Text;

namespace HallDevices.Devices.Printer;

/// <summary>Encodings the printer code uses.</summary>
public static class EscPosEncoding
{
    /// <summary>
    /// GB18030, the encoding Chinese-market printers expect in Chinese mode. The code-pages provider
    /// is registered on first use because .NET ships only UTF and Latin encodings by default.
    /// </summary>
    public static Encoding Gb18030 { get; } = CreateGb18030();

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
