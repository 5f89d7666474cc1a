namespace HallDevices.QueueServer.Evaluation;

/// <summary><c>GET /api/halls/{hallId}/counters/{counterId}/ratings</c>: the window's own figures of the day.</summary>
/// <param name="CounterId">The counter.</param>
/// <param name="StaffId">The staff member counted: the caller (window staff), else who is signed in there.</param>
/// <param name="Counter">Cases served at the counter today and their ratings.</param>
/// <param name="Staff">Cases the staff member served today (at any counter) and their ratings; null when nobody is counted.</param>
public sealed record CounterRatings(string CounterId, string? StaffId, RatingCounts Counter, RatingCounts? Staff);
