using System.Globalization;
using System.Text;

namespace HallDevices.Reporting;

/// <summary>
/// Writes CSV rows for Excel: UTF-8 with a BOM (so Excel reads Chinese), <c>\r\n</c> line ends,
/// RFC 4180 quoting, invariant-culture numbers, percentages as <c>95.2%</c>.
/// </summary>
internal sealed class CsvWriter : IDisposable
{
    private readonly StreamWriter _writer;

    public CsvWriter(Stream s)
    {
        // The BOM is written here, not left to StreamWriter, which skips it on a stream not at position 0.
        s.Write(Encoding.UTF8.Preamble);
        _writer = new StreamWriter(s, new UTF8Encoding(false), 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
    }

    /// <summary>A row of cells (<see cref="Text"/>, <see cref="Count"/>, ... or fixed headers), each quoted when it needs it.</summary>
    public void Row(params IEnumerable<string> cells) => _writer.WriteLine(string.Join(',', cells.Select(Quote)));

    public void Blank() => _writer.WriteLine();

    public void Dispose() => _writer.Dispose();

    /// <summary>
    /// A text cell from a hall file or a log: a leading = + - @ gets an apostrophe so Excel never
    /// runs a name as a formula. (Numbers are not text: a negative reduction stays a number.)
    /// </summary>
    public static string Text(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>RFC 4180: a cell with a comma, quote or line break, or edged with spaces, goes in quotes, its quotes doubled.</summary>
    private static string Quote(string cell) =>
        cell.Length > 0 && (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || cell[0] == ' ' || cell[^1] == ' ')
            ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : cell;

    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Minutes with one decimal, empty for none.</summary>
    public static string Minutes(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "";

    /// <summary>A fraction as a percentage with one decimal (0.952 → 95.2%), empty for none.</summary>
    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";

    /// <summary>Met / missed / not assessed, in Chinese with English.</summary>
    public static string Result(bool? met) => met switch
    {
        true => "达标 (met)",
        false => "未达标 (missed)",
        null => "不考核 (not assessed)",
    };
}
