using System.Text.Json;
using System.Text.Json.Serialization;
using HallDevices.Reporting;

namespace HallDevices.QueueServer.Reports;

/// <summary>A report or bulletin as a file: its format's name, content type and file name, and the writing of it.</summary>
public static class ReportFiles
{
    /// <summary>Content type of an exported event log (JSON lines).</summary>
    public const string EventLogContentType = "application/x-ndjson; charset=utf-8";

    /// <summary>The JSON of reports: web names, enums as kebab-case, Chinese as it is.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads <c>json</c>, <c>csv</c> or <c>pdf</c> (null is <paramref name="fallback"/>).</summary>
    public static bool TryParseFormat(string? text, ReportFormat fallback, out ReportFormat format)
    {
        format = text switch
        {
            null or "" => fallback,
            "json" => ReportFormat.Json,
            "csv" => ReportFormat.Csv,
            "pdf" => ReportFormat.Pdf,
            _ => (ReportFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    /// <summary>The HTTP content type.</summary>
    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Csv => "text/csv; charset=utf-8",
        ReportFormat.Pdf => "application/pdf",
        _ => "application/json; charset=utf-8",
    };

    /// <summary>The file name of a report of <paramref name="subject"/> (a hall or district id): <c>xinqiao-2026-11.csv</c>.</summary>
    public static string FileName(string subject, ReportPeriod period, string extension)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"{subject}-{period.Label}.{extension}";
    }

    /// <summary>The file name extension of a format.</summary>
    public static string Extension(ReportFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>Writes a hall's report.</summary>
    public static void Write(HallReport report, ReportFormat format, Stream output)
    {
        switch (format)
        {
            case ReportFormat.Csv:
                ReportCsv.WriteHall(report, output);
                break;
            case ReportFormat.Pdf:
                ReportPdf.WriteHall(report, output);
                break;
            default:
                JsonSerializer.Serialize(output, report, Json);
                break;
        }
    }

    /// <summary>Writes a district's bulletin.</summary>
    public static void Write(DistrictBulletin bulletin, ReportFormat format, Stream output)
    {
        switch (format)
        {
            case ReportFormat.Csv:
                ReportCsv.WriteBulletin(bulletin, output);
                break;
            case ReportFormat.Pdf:
                ReportPdf.WriteBulletin(bulletin, output);
                break;
            default:
                JsonSerializer.Serialize(output, bulletin, Json);
                break;
        }
    }
}
