namespace HallDevices.Reporting;

/// <summary>
/// A staff member's sign-in time (考勤) in the period: login → logout at any counter, clipped to
/// the period and to "as of"; paused time (pause → resume) likewise, and part of the signed-in time.
/// </summary>
/// <param name="StaffId">The staff id.</param>
/// <param name="SignedInMinutes">Minutes signed in.</param>
/// <param name="PausedMinutes">Minutes of those paused.</param>
public sealed record StaffAttendance(string StaffId, double SignedInMinutes, double PausedMinutes);
