namespace HallDevices.QueueServer.Staff;

/// <summary>
/// Locks an account after <c>Staff:LockoutAttempts</c> wrong passwords in a row for
/// <c>Staff:LockoutMinutes</c>, on the hall clock. Kept in memory: a restart unlocks, which an
/// operator restarting the server may as well do by hand.
/// </summary>
internal sealed class SignInThrottle(int attempts, TimeSpan lockout)
{
    private readonly Dictionary<string, (int Failures, DateTimeOffset? LockedUntil)> _accounts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>When the account is locked at <paramref name="now"/>, until when; otherwise null.</summary>
    public DateTimeOffset? LockedUntil(string id, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _accounts.TryGetValue(id, out var state) && state.LockedUntil > now ? state.LockedUntil : null;
        }
    }

    /// <summary>Counts a wrong password; returns the lock's end when this one locked the account.</summary>
    public DateTimeOffset? Failed(string id, DateTimeOffset now)
    {
        lock (_gate)
        {
            var (failures, lockedUntil) = _accounts.GetValueOrDefault(id);
            if (lockedUntil > now)
            {
                // A guess that was checked while another locked the account must not unlock it.
                return lockedUntil;
            }

            failures = lockedUntil is not null ? 1 : failures + 1;
            var locked = failures >= attempts ? now + lockout : (DateTimeOffset?)null;
            _accounts[id] = (locked is null ? failures : 0, locked);
            return locked;
        }
    }

    /// <summary>A right password: the count starts again.</summary>
    public void Succeeded(string id)
    {
        lock (_gate)
        {
            _accounts.Remove(id);
        }
    }
}
