using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HallDevices.Reporting.Tests.Rendering;

/// <summary>
/// Runs Debian poppler-utils (pdftotext, pdftoppm, pdfinfo; hall.sh installs them) on a PDF in a temp folder:
/// the tests read the PDF with a real, independent reader rather than with the library that wrote it.
/// </summary>
internal sealed class Poppler : IDisposable
{
    public Poppler() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "hall-pdf-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes the bytes to a file in the folder and returns its path.</summary>
    public string Save(byte[] pdf, string name = "report.pdf")
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, pdf);
        return path;
    }

    /// <summary>The text of the PDF (or of one page), UTF-8.</summary>
    public static string Text(string pdf, int? page = null)
    {
        var args = new List<string> { "-enc", "UTF-8" };
        if (page is { } p)
        {
            args.AddRange(["-f", p.ToString(), "-l", p.ToString()]);
        }

        args.AddRange([pdf, "-"]);
        return Run("pdftotext", args);
    }

    /// <summary>pdfinfo's "Key: value" lines as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> Info(string pdf) =>
        Run("pdfinfo", ["-enc", "UTF-8", pdf])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains(':', StringComparison.Ordinal))
            .Select(line => (Key: line[..line.IndexOf(':', StringComparison.Ordinal)], Value: line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .GroupBy(e => e.Key)
            .ToDictionary(g => g.Key, g => g.First().Value);

    /// <summary>
    /// The footers' 第 N 页 / 共 M 页 as (N, M); pdftotext guesses spaces from glyph gaps, so they are matched
    /// loosely.
    /// </summary>
    public static IReadOnlyList<(int Page, int Total)> PageLabels(string text) =>
        Regex.Matches(text, @"第\s*(\d+)\s*页\s*/\s*共\s*(\d+)\s*页")
            .Select(m => (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)))
            .ToList();

    public static int PageCount(string pdf) => int.Parse(Info(pdf)["Pages"]);

    /// <summary>One page rasterised by pdftoppm at <paramref name="dpi"/>; returns the PNG path.</summary>
    public string Raster(string pdf, int page, int dpi = 50)
    {
        string prefix = Path.Combine(Folder, $"page{page}");
        Run("pdftoppm", ["-png", "-r", dpi.ToString(), "-f", page.ToString(), "-l", page.ToString(), "-singlefile", pdf, prefix]);
        return prefix + ".png";
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }

    private static string Run(string tool, IEnumerable<string> args)
    {
        string path = "/usr/bin/" + tool;
        Assert.True(File.Exists(path), $"{path} is missing: install the Debian package poppler-utils (./hall.sh test does).");
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = System.Text.Encoding.UTF8 };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), $"{tool} did not finish");
        Assert.True(process.ExitCode == 0, $"{tool} exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
