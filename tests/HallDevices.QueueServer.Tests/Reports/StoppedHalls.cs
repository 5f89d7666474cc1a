using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Reports;

/// <summary>
/// Data folders of two servers that ran a morning on 3 November 2026 and were stopped: the sample
/// town (3 tickets, 2 served) and 东村 of the same district (4 tickets, 1 served), for the report commands.
/// </summary>
public sealed class StoppedHalls : IAsyncLifetime
{
    /// <summary>The sample town's <c>Storage:Path</c>.</summary>
    public string Town { get; private set; } = "";

    /// <summary>东村's <c>Storage:Path</c>.</summary>
    public string OtherTown { get; private set; } = "";

    /// <summary>东村's hall file.</summary>
    public string OtherTownHallFile { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var folder = TempDir.Create("dongcun");
        var other = ReportHall.OtherTown(folder);
        OtherTownHallFile = other["Hall:ConfigFile"];
        OtherTown = await RunAsync(other, 4, 1, ReportHall.OtherHall);
        Town = await RunAsync(ReportHall.Settings(), 3, 2, "xinqiao");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string> RunAsync(Dictionary<string, string> settings, int issued, int served, string hallId)
    {
        await using var server = await ServerProcess.StartAsync(settings: settings);
        await ReportHall.PlayAsync(server.BaseUri, hallId, issued, served);
        Assert.Equal(0, await server.StopGracefullyAsync());
        return server.DataDir;
    }
}
