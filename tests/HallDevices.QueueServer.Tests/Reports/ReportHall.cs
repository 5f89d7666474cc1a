using System.Net.Http.Json;
using HallDevices.QueueServer.Staff;
using HallDevices.QueueServer.Tests.Access;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Reports;

/// <summary>
/// The halls of the report tests: the sample town (新桥, district 松江) and a second town of the same
/// district (东村, <c>dongcun</c>) run by another server, both on a hall clock that starts at 09:00
/// on 3 November 2026 so the report's day is known whatever the real date.
/// </summary>
internal static class ReportHall
{
    public const string Day = "2026-11-03";
    public const string Month = "2026-11";
    public const string District = "songjiang";
    public const string OtherHall = "dongcun";

    /// <summary>The hall clock of every server of these tests.</summary>
    public static Dictionary<string, string> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string> { ["Clock:Start"] = "2026-11-03T09:00:00+08:00" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// The sample hall file as 东村 (id <c>dongcun</c>, same district) and a copy of the sample staff
    /// file whose manager runs it, in <paramref name="folder"/>; the settings of a server that runs it.
    /// </summary>
    public static Dictionary<string, string> OtherTown(string folder)
    {
        var hall = Path.Combine(folder, "dongcun.json");
        File.WriteAllText(hall, File.ReadAllText(Repo.SampleHallFile)
            .Replace("\"id\": \"xinqiao\"", "\"id\": \"dongcun\"", StringComparison.Ordinal)
            .Replace("新桥镇为民服务中心", "东村为民服务站", StringComparison.Ordinal));
        var staff = Path.Combine(folder, "staff.json");
        StaffFile.Write(staff, [.. StaffFile.Read(StaffFileServer.SampleStaffFile).Select(a => a.Id == StaffSessions.Manager ? a with { Halls = [OtherHall] } : a)]);
        return Settings(("Hall:ConfigFile", hall), ("Staff:File", staff));
    }

    /// <summary>As the hall's manager (at the guide desk, then at window 5): <paramref name="issued"/> tickets, the first <paramref name="served"/> of them served.</summary>
    public static async Task PlayAsync(Uri server, string hallId, int issued, int served)
    {
        using var manager = await StaffSessions.SignInAsync(server, StaffSessions.Manager);
        for (var i = 0; i < issued; i++)
        {
            (await manager.PostAsJsonAsync($"/api/halls/{hallId}/tickets", new { serviceId = "consultation", channel = "desk" })).EnsureSuccessStatusCode();
        }

        (await manager.PostAsync(new Uri($"/api/halls/{hallId}/counters/w5/login", UriKind.Relative), null)).EnsureSuccessStatusCode();
        for (var i = 0; i < served; i++)
        {
            (await manager.PostAsync(new Uri($"/api/halls/{hallId}/counters/w5/call-next", UriKind.Relative), null)).EnsureSuccessStatusCode();
            (await manager.PostAsync(new Uri($"/api/halls/{hallId}/counters/w5/finish", UriKind.Relative), null)).EnsureSuccessStatusCode();
        }
    }
}
