namespace HallDevices.Reporting;

/// <summary>The figures of one queue, service, counter or staff member.</summary>
/// <param name="Key">Its id in the hall file (the staff id for staff).</param>
/// <param name="Name">Its display name from the hall file (the id when the hall file no longer has it, and for staff).</param>
/// <param name="Figures">Its figures.</param>
public sealed record GroupFigures(string Key, string Name, Figures Figures);
