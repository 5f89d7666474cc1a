using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// A real queue-server on a copy of the sample staff file in a temp folder (<c>Staff:File</c>), so
/// tests may change accounts with <c>set-password</c> while it runs.
/// </summary>
public sealed class StaffFileServer : IAsyncLifetime
{
    public string StaffFile { get; } = Path.Combine(TempDir.Create("staff"), "staff.json");

    public ServerProcess Server { get; private set; } = null!;

    /// <summary>The staff file queue-server ships (the sample accounts, password <c>sample-{id}</c>).</summary>
    public static string SampleStaffFile => Path.Combine(Repo.Root, "queue-server", "HallDevices.QueueServer", "staff", "sample-staff.json");

    public async Task InitializeAsync()
    {
        File.Copy(SampleStaffFile, StaffFile);
        Server = await ServerProcess.StartAsync(settings: new Dictionary<string, string> { ["Staff:File"] = StaffFile }, logLevel: "Information");
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(StaffFile)!, recursive: true);
    }
}
