using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Reporting;

/// <summary>An exported event log being read (<see cref="EventLogExport.Read"/>).</summary>
/// <param name="Hall">The hall, parsed from the header's hall file.</param>
/// <param name="HallFileJson">The header's hall file as JSON text (to store an import with).</param>
/// <param name="Events">
/// The events, read from the stream as they are enumerated — once only; a bad line throws
/// <see cref="EventLogFormatException"/> when it is reached.
/// </param>
public sealed record ExportedLog(HallDefinition Hall, string HallFileJson, IEnumerable<HallEvent> Events)
{
    /// <summary>The header's period, if the export named one.</summary>
    public ReportPeriod? Period { get; init; }

    /// <summary>When the export was written.</summary>
    public DateTimeOffset? ExportedAt { get; init; }
}
