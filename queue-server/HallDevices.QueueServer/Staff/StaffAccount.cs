namespace HallDevices.QueueServer.Staff;

/// <summary>One entry of the staff file.</summary>
public sealed record StaffAccount
{
    /// <summary>The sign-in name and the id the event log records (<c>staffId</c>).</summary>
    public string Id { get; init; } = "";

    /// <summary>The name shown on the console and the dashboard.</summary>
    public string Name { get; init; } = "";

    /// <summary>One of <see cref="StaffRoles.Staff"/>.</summary>
    public string Role { get; init; } = "";

    /// <summary>Halls the account belongs to; <c>*</c> for every hall (district viewers).</summary>
    public IReadOnlyList<string> Halls { get; init; } = [];

    /// <summary>Counters a window-staff account may work; empty means every counter of its halls.</summary>
    public IReadOnlyList<string> Counters { get; init; } = [];

    /// <summary>ASP.NET Core <c>PasswordHasher</c> (PBKDF2) hash; empty means the account cannot sign in until a password is set.</summary>
    public string PasswordHash { get; init; } = "";

    /// <summary>True when the account belongs to <paramref name="hallId"/>.</summary>
    public bool InHall(string hallId) => Halls.Contains("*", StringComparer.Ordinal) || Halls.Contains(hallId, StringComparer.Ordinal);

    /// <summary>True when the account may work <paramref name="counterId"/> of <paramref name="hallId"/>.</summary>
    public bool MayWork(string hallId, string counterId) => Role switch
    {
        StaffRoles.HallManager => InHall(hallId),
        StaffRoles.WindowStaff => InHall(hallId) && (Counters.Count == 0 || Counters.Contains(counterId, StringComparer.Ordinal)),
        _ => false,
    };
}
