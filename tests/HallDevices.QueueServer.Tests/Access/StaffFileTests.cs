using HallDevices.QueueServer.Staff;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>The staff file is read strictly: a bad entry stops the server naming the file and the JSON path of the field.</summary>
public sealed class StaffFileTests : IDisposable
{
    private readonly string _dir = TempDir.Create("stafffile");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("""{"id":"boss","name":"周主任","role":"boss","halls":["xinqiao"]}""", "$.accounts[1].role: 'boss' is not one of window-staff, hall-manager, district-viewer")]
    [InlineData("""{"id":"Bad Id","name":"x","role":"window-staff","halls":["xinqiao"]}""", "$.accounts[1].id:")]
    [InlineData("""{"id":"staff-w1","name":"x","role":"window-staff","halls":["xinqiao"]}""", "$.accounts[1].id: 'staff-w1' is there twice")]
    [InlineData("""{"id":"li","name":" ","role":"window-staff","halls":["xinqiao"]}""", "$.accounts[1].name: required")]
    [InlineData("""{"id":"li","name":"李","role":"window-staff","halls":[]}""", "$.accounts[1].halls:")]
    [InlineData("""{"id":"li","name":"李","role":"hall-manager","halls":["*"]}""", "$.accounts[1].halls: \"*\" (every hall) is for district viewers only")]
    [InlineData("""{"id":"li","name":"李","role":"window-staff","halls":["xinqiao"],"counters":[""]}""", "$.accounts[1].counters:")]
    [InlineData("""{"id":"li","name":"李","role":"window-staff","halls":["xinqiao"],"password":"plain"}""", "$.accounts[1].password")]
    public void A_bad_entry_names_its_json_path(string second, string expected)
    {
        var path = Write($$"""{"accounts":[{"id":"staff-w1","name":"张敏","role":"window-staff","halls":["xinqiao"]}, {{second}}]}""");

        var e = Assert.Throws<StartupException>(() => StaffFile.Read(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_json_or_has_no_accounts_says_so()
    {
        Assert.Contains("$", Assert.Throws<StartupException>(() => StaffFile.Read(Write("{\"accounts\": [ {"))).Message, StringComparison.Ordinal);
        Assert.Contains("$.accounts is missing", Assert.Throws<StartupException>(() => StaffFile.Read(Write("{}"))).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<StartupException>(() => StaffFile.Read(Path.Combine(_dir, "none.json"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void What_is_written_is_read_back_and_no_temporary_file_is_left()
    {
        var path = Path.Combine(_dir, "sub", "staff.json");
        StaffAccount[] accounts =
        [
            new() { Id = "staff-w1", Name = "张敏", Role = StaffRoles.WindowStaff, Halls = ["xinqiao"], Counters = ["w1", "w2"], PasswordHash = StaffDirectory.Hash("a-good-password") },
            new() { Id = "district", Name = "区政务办", Role = StaffRoles.DistrictViewer, Halls = ["*"] },
        ];

        StaffFile.Write(path, accounts);
        var read = StaffFile.Read(path);

        Assert.Equal(["staff.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        Assert.Equal(accounts.Select(a => (a.Id, a.Name, a.Role, string.Join(',', a.Halls), string.Join(',', a.Counters), a.PasswordHash)), read.Select(a => (a.Id, a.Name, a.Role, string.Join(',', a.Halls), string.Join(',', a.Counters), a.PasswordHash)));
        Assert.Contains("张敏", File.ReadAllText(path), StringComparison.Ordinal); // readable by the operator, not \u-escaped
    }

    private string Write(string json)
    {
        var path = Path.Combine(_dir, $"staff-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
