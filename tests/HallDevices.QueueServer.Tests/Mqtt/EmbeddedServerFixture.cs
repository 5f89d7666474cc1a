using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Mqtt;

/// <summary>One real queue-server process with its embedded broker, shared by the tests of a class.</summary>
public sealed class EmbeddedServerFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync(logLevel: "Information");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
