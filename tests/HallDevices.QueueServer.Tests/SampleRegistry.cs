using HallDevices.Hosting;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Tests;

/// <summary>The real <see cref="HallRegistry"/> of the sample hall on a temp folder, as the server builds it, for tests without a server process.</summary>
internal static class SampleRegistry
{
    /// <summary>The staff file queue-server ships (the sample accounts).</summary>
    public static string StaffFile => Path.Combine(Repo.Root, "queue-server", "HallDevices.QueueServer", "staff", "sample-staff.json");

    /// <summary>The sample hall's registry, storing in <paramref name="dir"/>, committing to <paramref name="changes"/>.</summary>
    public static HallRegistry Create(string dir, HallClock clock, HallChangeFeed? changes = null) => new(
        Options.Create(new HallOptions { ConfigFile = Repo.SampleHallFile }),
        Options.Create(new StorageOptions { Path = dir }),
        Options.Create(new IdentityOptions { HashKey = IdentityOptions.SampleHashKey }),
        Options.Create(new AppointmentOptions { Key = AppointmentOptions.SampleKey }),
        changes ?? new HallChangeFeed(),
        new ServerMetrics(),
        clock,
        NullLoggerFactory.Instance);
}
