namespace HallDevices.Devices.Printer;

/// <summary>Text style in effect when a run of text was printed.</summary>
/// <param name="Alignment">Alignment (<c>ESC a</c>).</param>
/// <param name="Bold">Bold (<c>ESC E</c> or <c>ESC !</c> bit 3).</param>
/// <param name="Width">Width multiplier 1–8.</param>
/// <param name="Height">Height multiplier 1–8.</param>
public sealed record EscPosTextStyle(EscPosAlignment Alignment, bool Bold, int Width, int Height)
{
    /// <summary>The style after <c>ESC @</c>.</summary>
    public static EscPosTextStyle Default { get; } = new(EscPosAlignment.Left, false, 1, 1);
}
