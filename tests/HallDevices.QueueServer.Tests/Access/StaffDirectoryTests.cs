using HallDevices.Hosting;
using HallDevices.QueueServer.Staff;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// Sign-in against the staff file: the lock-out after wrong passwords on the hall clock (a
/// <see cref="FakeTimeProvider"/> under <see cref="HallClock"/>), and the file read again when it changes.
/// </summary>
public sealed class StaffDirectoryTests : IDisposable
{
    private const string Password = "w1-password-1";
    private readonly string _dir = TempDir.Create("staffdir");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly string _file;

    public StaffDirectoryTests()
    {
        _file = Path.Combine(_dir, "staff.json");
        StaffFile.Write(_file, [Account("staff-w1", Password)]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_right_password_signs_in_and_a_wrong_one_or_an_unknown_id_does_not()
    {
        var staff = NewDirectory(attempts: 5, minutes: 15);

        Assert.Equal("staff-w1", staff.SignIn("staff-w1", Password).Account?.Id);
        Assert.False(staff.SignIn("staff-w1", "wrong-password").Succeeded);
        Assert.False(staff.SignIn("nobody", Password).Succeeded);
        Assert.Null(staff.SignIn("nobody", Password).LockedUntil);
    }

    [Fact]
    public void After_n_wrong_passwords_the_account_is_locked_even_for_the_right_one_until_the_lockout_ends()
    {
        var staff = NewDirectory(attempts: 3, minutes: 15);
        staff.SignIn("staff-w1", "wrong-1");
        staff.SignIn("staff-w1", "wrong-2");

        var third = staff.SignIn("staff-w1", "wrong-3");

        Assert.Equal(_time.GetUtcNow().AddMinutes(15), third.LockedUntil);
        _time.Advance(TimeSpan.FromMinutes(14));
        var whileLocked = staff.SignIn("staff-w1", Password);
        Assert.False(whileLocked.Succeeded);
        Assert.Equal(third.LockedUntil, whileLocked.LockedUntil);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(staff.SignIn("staff-w1", Password).Succeeded);
    }

    [Fact]
    public void A_wrong_password_checked_while_another_locked_the_account_does_not_lift_the_lock()
    {
        var throttle = new SignInThrottle(2, TimeSpan.FromMinutes(15));
        var now = _time.GetUtcNow();
        throttle.Failed("staff-w1", now);
        var locked = throttle.Failed("staff-w1", now);

        // A guess in flight when the lock fell reports its failure afterwards.
        Assert.Equal(locked, throttle.Failed("staff-w1", now));

        Assert.NotNull(locked);
        Assert.Equal(locked, throttle.LockedUntil("staff-w1", now.AddMinutes(1)));
    }

    [Fact]
    public void A_right_password_starts_the_count_of_wrong_ones_again()
    {
        var staff = NewDirectory(attempts: 3, minutes: 15);
        staff.SignIn("staff-w1", "wrong-1");
        staff.SignIn("staff-w1", "wrong-2");

        Assert.True(staff.SignIn("staff-w1", Password).Succeeded);
        staff.SignIn("staff-w1", "wrong-3");
        staff.SignIn("staff-w1", "wrong-4");

        Assert.True(staff.SignIn("staff-w1", Password).Succeeded);
    }

    [Fact]
    public async Task A_changed_file_is_read_again_without_a_restart()
    {
        var staff = NewDirectory(attempts: 5, minutes: 15);
        var before = StaffDirectory.Stamp(staff.Find("staff-w1")!);
        await EditLaterAsync();

        StaffFile.Write(_file, [Account("staff-w1", "new-password-1"), Account("staff-w2", "w2-password-1")]);

        Assert.True(staff.SignIn("staff-w2", "w2-password-1").Succeeded);
        Assert.False(staff.SignIn("staff-w1", Password).Succeeded);
        Assert.True(staff.SignIn("staff-w1", "new-password-1").Succeeded);
        Assert.NotEqual(before, StaffDirectory.Stamp(staff.Find("staff-w1")!)); // so the sessions of the old password end
    }

    [Fact]
    public async Task A_broken_edit_keeps_the_accounts_read_before()
    {
        var staff = NewDirectory(attempts: 5, minutes: 15);
        await EditLaterAsync();

        await File.WriteAllTextAsync(_file, """{"accounts":[{"id":"staff-w1","name":"张敏","role":"chief","halls":["xinqiao"]}]}""");

        Assert.True(staff.SignIn("staff-w1", Password).Succeeded);
        Assert.Equal(StaffRoles.WindowStaff, staff.Find("staff-w1")?.Role);

        // Mended, it is taken.
        await EditLaterAsync();
        StaffFile.Write(_file, [Account("staff-w1", Password) with { Name = "张敏敏" }]);
        Assert.Equal("张敏敏", staff.Find("staff-w1")?.Name);
    }

    // File times advance by the kernel's tick (a few ms), so an edit in the same tick as the last read
    // would look unchanged; an operator's edit comes seconds later, this one a little later.
    private static Task EditLaterAsync() => Task.Delay(50);

    private static StaffAccount Account(string id, string password) => new()
    {
        Id = id,
        Name = id,
        Role = StaffRoles.WindowStaff,
        Halls = ["xinqiao"],
        PasswordHash = StaffDirectory.Hash(password),
    };

    private StaffDirectory NewDirectory(int attempts, int minutes) => new(
        Options.Create(new StaffOptions { File = _file, LockoutAttempts = attempts, LockoutMinutes = minutes }),
        new HallClock(Options.Create(new ClockOptions()), _time),
        NullLogger<StaffDirectory>.Instance);
}
