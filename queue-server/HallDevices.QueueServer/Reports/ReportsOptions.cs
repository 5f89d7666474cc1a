using System.ComponentModel.DataAnnotations;
using HallDevices.Reporting;

namespace HallDevices.QueueServer.Reports;

/// <summary>Configuration section <c>Reports</c>: the district's targets and the largest event log an import takes.</summary>
public sealed class ReportsOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Reports";

    /// <summary>Default <see cref="MaxImportBytes"/>: 64 MiB, a month of a busy hall's exported log with room to spare.</summary>
    public const long DefaultMaxImportBytes = 64L << 20;

    /// <summary>
    /// The assessment's targets (<c>Reports:Targets:EvaluationRate</c>, <c>:GoodRate</c>,
    /// <c>:ServiceLevelShare</c>, <c>:BadReplyRate</c>, <c>:HandlingReduction</c>, each a share
    /// from 0 to 1); reports and bulletins flag the figures that miss them.
    /// </summary>
    public ReportTargets Targets { get; set; } = ReportTargets.Default;

    /// <summary>Largest body <c>POST /api/districts/{districtId}/imports</c> reads; a larger one is 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxImportBytes { get; set; } = DefaultMaxImportBytes;

    /// <summary>What is wrong with the targets, or null (options validation does not look inside a record).</summary>
    public string? TargetsProblem()
    {
        var t = Targets;
        (string Name, double Value)[] shares =
        [
            (nameof(t.EvaluationRate), t.EvaluationRate), (nameof(t.GoodRate), t.GoodRate), (nameof(t.ServiceLevelShare), t.ServiceLevelShare),
            (nameof(t.BadReplyRate), t.BadReplyRate), (nameof(t.HandlingReduction), t.HandlingReduction),
        ];
        return shares.FirstOrDefault(s => !(s.Value is >= 0 and <= 1)) is { Name: { } name } bad
            ? $"Reports:Targets:{name} is {bad.Value}; a target is a share from 0 to 1 (0.95 for 95 %)"
            : null;
    }
}
