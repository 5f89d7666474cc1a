using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>One real queue-server process (Development: the sample accounts and key), shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
