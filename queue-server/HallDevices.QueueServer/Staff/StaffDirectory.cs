using System.Security.Cryptography;
using System.Text;
using HallDevices.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Staff;

/// <summary>
/// The staff accounts of this server, from the staff file (<c>Staff:File</c>), and sign-in against
/// them. The file is read again when it changes, so <c>queue-server set-password</c> takes effect
/// on a running server; a broken edit is logged and the accounts read before stay.
/// </summary>
public sealed class StaffDirectory
{
    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    // Verified when the id is unknown, so a wrong id costs the same time as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(new StaffAccount(), "not-a-password");

    private readonly HallClock _clock;
    private readonly ILogger<StaffDirectory> _log;
    private readonly SignInThrottle _throttle;
    private readonly Lock _gate = new();
    private Dictionary<string, StaffAccount> _accounts;
    private DateTime _readAt;

    /// <summary>Reads the staff file; a missing or bad file stops the server with its reason.</summary>
    public StaffDirectory(IOptions<StaffOptions> options, HallClock clock, ILogger<StaffDirectory> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock;
        _log = log;
        Path = ResolvePath(options.Value.File);
        _throttle = new SignInThrottle(options.Value.LockoutAttempts, TimeSpan.FromMinutes(options.Value.LockoutMinutes));
        _readAt = File.GetLastWriteTimeUtc(Path);
        _accounts = StaffFile.Read(Path).ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    /// <summary>The staff file in use.</summary>
    public string Path { get; }

    /// <summary>Every account, as last read.</summary>
    public IReadOnlyCollection<StaffAccount> Accounts => Current().Values.ToList();

    /// <summary>A relative staff file is looked for next to the app, as the hall file is.</summary>
    public static string ResolvePath(string file) =>
        System.IO.Path.IsPathRooted(file) ? file : System.IO.Path.Combine(AppContext.BaseDirectory, file);

    /// <summary>Hashes a password the way sign-in checks it.</summary>
    public static string Hash(string password) => Hasher.HashPassword(new StaffAccount(), password);

    /// <summary>True when <paramref name="password"/> is the one <paramref name="account"/>'s hash was made from.</summary>
    public static bool HasPassword(StaffAccount account, string password) =>
        account.PasswordHash.Length > 0 && Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>The account with that id, if any.</summary>
    public StaffAccount? Find(string id) => Current().GetValueOrDefault(id);

    /// <summary>
    /// A short fingerprint of what a session was granted (password, role, halls, counters): a
    /// session whose stamp no longer matches its account ends at its next request.
    /// </summary>
    public static string Stamp(StaffAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var text = string.Join('\n', account.PasswordHash, account.Role, string.Join(',', account.Halls), string.Join(',', account.Counters));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Checks a sign-in: right password and not locked; counts wrong ones towards the lock-out.</summary>
    public SignInResult SignIn(string id, string password)
    {
        var now = _clock.Time.GetUtcNow();
        if (_throttle.LockedUntil(id, now) is { } locked)
        {
            return new SignInResult(null, locked);
        }

        if (Find(id) is not { PasswordHash.Length: > 0 } account)
        {
            Hasher.VerifyHashedPassword(new StaffAccount(), DummyHash, password);
            return new SignInResult(null, null);
        }

        if (!HasPassword(account, password))
        {
            var lockedNow = _throttle.Failed(id, now);
            if (lockedNow is not null)
            {
                _log.LogWarning("Staff account {StaffId} locked until {Until} after repeated wrong passwords", id, lockedNow);
            }

            return new SignInResult(null, lockedNow);
        }

        // Guesses run in parallel: one checked while another locked the account does not sign in.
        if (_throttle.LockedUntil(id, _clock.Time.GetUtcNow()) is { } lockedMeanwhile)
        {
            return new SignInResult(null, lockedMeanwhile);
        }

        _throttle.Succeeded(id);
        return new SignInResult(account, null);
    }

    private Dictionary<string, StaffAccount> Current()
    {
        var written = File.GetLastWriteTimeUtc(Path);
        if (written == _readAt)
        {
            return _accounts;
        }

        lock (_gate)
        {
            if (written != _readAt)
            {
                try
                {
                    _accounts = StaffFile.Read(Path).ToDictionary(a => a.Id, StringComparer.Ordinal);
                    _log.LogInformation("Staff file {Path} read again: {Count} accounts", Path, _accounts.Count);
                }
                catch (Exception e) when (e is StartupException or IOException or UnauthorizedAccessException)
                {
                    _log.LogError("Staff file changed but cannot be read; keeping the accounts read before: {Reason}", e.Message);
                }

                _readAt = written;
            }

            return _accounts;
        }
    }
}
