using System.ComponentModel.DataAnnotations;

namespace HallDevices.QueueServer.Staff;

/// <summary>Configuration section <c>Staff</c>: the staff file and how sessions and sign-in behave.</summary>
public sealed class StaffOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Staff";

    /// <summary>The staff file (accounts with password hashes). Relative paths are from the app folder.</summary>
    [Required]
    public string File { get; set; } = "staff/sample-staff.json";

    /// <summary>A session ends this long after the last request (sliding), and the cookie with it.</summary>
    [Range(1, 24 * 60)]
    public int SessionMinutes { get; set; } = 480;

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    [Range(1, 100)]
    public int LockoutAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts one network address may make per minute (more are answered 429): wrong passwords lock accounts, and each check costs a PBKDF2 hash.</summary>
    [Range(1, 100_000)]
    public int SignInsPerMinutePerAddress { get; set; } = 60;
}
