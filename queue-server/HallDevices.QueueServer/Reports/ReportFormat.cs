namespace HallDevices.QueueServer.Reports;

/// <summary>What a report is written as.</summary>
public enum ReportFormat
{
    /// <summary>The report's figures as JSON (the dashboard's and scripts' form).</summary>
    Json,

    /// <summary>CSV, UTF-8 with a BOM so Excel opens the Chinese headers.</summary>
    Csv,

    /// <summary>PDF with charts, in Chinese.</summary>
    Pdf,
}
