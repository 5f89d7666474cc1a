using System.Net;
using HallDevices.Hosting.Processes;
using HallDevices.QueueServer.Staff;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// <c>queue-server set-password</c> as an operator runs it: a child process of the built server,
/// the password on standard input, against the staff file of a server that keeps running.
/// </summary>
public sealed class StaffCliTests(StaffFileServer fixture) : IClassFixture<StaffFileServer>
{
    private static string Dll => Path.Combine(Repo.Root, "queue-server", "HallDevices.QueueServer", "bin", Repo.Configuration, "net10.0", "HallDevices.QueueServer.dll");

    [Fact]
    public async Task Set_password_creates_an_account_that_signs_in_on_the_running_server()
    {
        var (exit, output) = await SetPasswordAsync("new-staff-7", "xin-tong-shi-7", "--name", "新同事", "--role", "window-staff", "--halls", "xinqiao", "--counters", "w1,w2");

        Assert.True(exit == 0, output);
        Assert.Contains("account created: new-staff-7", output, StringComparison.Ordinal);
        var account = StaffFile.Read(fixture.StaffFile).Single(a => a.Id == "new-staff-7");
        Assert.Equal(("新同事", StaffRoles.WindowStaff, "xinqiao", "w1,w2"), (account.Name, account.Role, string.Join(',', account.Halls), string.Join(',', account.Counters)));
        Assert.DoesNotContain("xin-tong-shi-7", await File.ReadAllTextAsync(fixture.StaffFile), StringComparison.Ordinal);
        using var client = LoginClient();
        Assert.Equal((HttpStatusCode.Redirect, "/console"), await StaffSessions.PostLoginAsync(client, "new-staff-7", "xin-tong-shi-7"));
    }

    [Fact]
    public async Task Set_password_resets_a_password_so_the_old_one_no_longer_signs_in_and_the_new_one_does_without_a_restart()
    {
        using var before = LoginClient();
        Assert.Equal(HttpStatusCode.Redirect, (await StaffSessions.PostLoginAsync(before, "staff-w2", "sample-staff-w2")).Status);

        var (exit, output) = await SetPasswordAsync("staff-w2", "li-qiang-new-2");

        Assert.True(exit == 0, output);
        Assert.Contains("password reset: staff-w2", output, StringComparison.Ordinal);
        using var old = LoginClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await StaffSessions.PostLoginAsync(old, "staff-w2", "sample-staff-w2")).Status);
        using var fresh = LoginClient();
        Assert.Equal(HttpStatusCode.Redirect, (await StaffSessions.PostLoginAsync(fresh, "staff-w2", "li-qiang-new-2")).Status);
        Assert.Equal("李强", StaffFile.Read(fixture.StaffFile).Single(a => a.Id == "staff-w2").Name); // the rest of the account stays
    }

    [Fact]
    public async Task Set_password_refuses_a_password_shorter_than_eight_characters_with_exit_2_and_changes_nothing()
    {
        var file = await File.ReadAllBytesAsync(fixture.StaffFile);

        var (exit, output) = await SetPasswordAsync("staff-w5", "short");

        Assert.Equal(2, exit);
        Assert.Contains("at least 8 characters", output, StringComparison.Ordinal);
        Assert.Equal(file, await File.ReadAllBytesAsync(fixture.StaffFile));
    }

    [Fact]
    public async Task Set_password_refuses_a_role_that_does_not_exist_with_exit_2()
    {
        var (exit, output) = await SetPasswordAsync("chief-1", "a-good-password", "--name", "主任", "--role", "chief", "--halls", "xinqiao");

        Assert.Equal(2, exit);
        Assert.Contains("role: 'chief' is not one of window-staff, hall-manager, district-viewer", output, StringComparison.Ordinal);
        Assert.DoesNotContain(StaffFile.Read(fixture.StaffFile), a => a.Id == "chief-1");
    }

    [Fact]
    public async Task Set_password_for_a_new_id_without_name_role_and_halls_says_what_a_new_account_needs()
    {
        var (exit, output) = await SetPasswordAsync("nobody-yet", "a-good-password");

        Assert.Equal(2, exit);
        Assert.Contains("a new account needs --name, --role and --halls", output, StringComparison.Ordinal);
        Assert.Contains("usage: queue-server set-password", output, StringComparison.Ordinal);
    }

    private HttpClient LoginClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = fixture.Server.BaseUri };

    private async Task<(int Exit, string Output)> SetPasswordAsync(string id, string password, params string[] options)
    {
        var info = Repo.TestApp(Dll, "set-password");
        info.Arguments.Add("set-password");
        info.Arguments.Add(id);
        foreach (var option in options)
        {
            info.Arguments.Add(option);
        }

        info.Arguments.Add($"--Staff:File={fixture.StaffFile}");
        info.RedirectStandardInput = true;
        await using var process = ChildProcess.Start(info);

        // Written at once, while the process starts: a refusal may exit before it reads.
        await process.WriteLineAsync(password);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, process.Output);
    }
}
