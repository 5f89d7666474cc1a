namespace HallDevices.QueueServer.Staff;

/// <summary>How a sign-in attempt ended.</summary>
/// <param name="Account">The account, when the password was right.</param>
/// <param name="LockedUntil">Set when the account is locked (now or by this attempt).</param>
public sealed record SignInResult(StaffAccount? Account, DateTimeOffset? LockedUntil)
{
    /// <summary>True when the password was right and the account is not locked.</summary>
    public bool Succeeded => Account is not null;
}
