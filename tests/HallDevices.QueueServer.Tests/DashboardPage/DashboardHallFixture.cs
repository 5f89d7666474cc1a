using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.DashboardPage;

/// <summary>
/// One real queue-server running two halls — the sample town hall <c>xinqiao</c> and a copy of it,
/// <c>dongcun</c> — so the district viewer has a hall to pick; the sample manager runs only xinqiao.
/// </summary>
public sealed class DashboardHallFixture : IAsyncLifetime
{
    /// <summary>The second hall's id.</summary>
    public const string OtherHall = "dongcun";

    /// <summary>The second hall's name.</summary>
    public const string OtherHallName = "东村为民服务中心";

    /// <summary>A kiosk account of the second hall (after the five sample accounts of appsettings.json).</summary>
    public static readonly (string User, string Password) OtherKiosk = ("kiosk-dongcun", "sample-kiosk-dongcun");

    private readonly string _halls = TempDir.Create("dashboard-halls");

    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var halls = _halls;
        var sample = await File.ReadAllTextAsync(Repo.SampleHallFile);
        await File.WriteAllTextAsync(Path.Combine(halls, "xinqiao.json"), sample);
        await File.WriteAllTextAsync(Path.Combine(halls, "dongcun.json"), sample
            .Replace("\"id\": \"xinqiao\"", $"\"id\": \"{OtherHall}\"", StringComparison.Ordinal)
            .Replace("新桥镇为民服务中心", OtherHallName, StringComparison.Ordinal));
        Server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Hall:ConfigFile"] = halls,
            ["Mqtt:Accounts:5:Username"] = OtherKiosk.User,
            ["Mqtt:Accounts:5:Password"] = OtherKiosk.Password,
            ["Mqtt:Accounts:5:Role"] = "Kiosk",
            ["Mqtt:Accounts:5:HallId"] = OtherHall,
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_halls, recursive: true);
    }
}
