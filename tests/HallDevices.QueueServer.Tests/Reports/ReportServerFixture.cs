using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Reports;

/// <summary>
/// The sample town's server with a morning of 3 tickets (2 served) on 3 November 2026, an import
/// limit of 1 MiB, and the November log of 东村 (4 tickets, 1 served) exported over HTTP from a
/// second server that ran it, ready to import.
/// </summary>
public sealed class ReportServerFixture : IAsyncLifetime
{
    public const long MaxImportBytes = 1 << 20;

    public ServerProcess Server { get; private set; } = null!;

    /// <summary>东村's exported log (<c>GET /api/halls/dongcun/events/export?month=2026-11</c>).</summary>
    public byte[] OtherTownLog { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var folder = TempDir.Create("dongcun");
        await using (var other = await ServerProcess.StartAsync(settings: ReportHall.OtherTown(folder)))
        {
            await ReportHall.PlayAsync(other.BaseUri, ReportHall.OtherHall, issued: 4, served: 1);
            using var district = await StaffSessions.SignInAsync(other.BaseUri, StaffSessions.DistrictViewer);
            OtherTownLog = await district.GetByteArrayAsync(new Uri($"/api/halls/{ReportHall.OtherHall}/events/export?month={ReportHall.Month}", UriKind.Relative));
        }

        Directory.Delete(folder, recursive: true);
        Server = await ServerProcess.StartAsync(settings: ReportHall.Settings(("Reports:MaxImportBytes", MaxImportBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await ReportHall.PlayAsync(Server.BaseUri, "xinqiao", issued: 3, served: 2);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
