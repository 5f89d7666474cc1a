using HallDevices.Contracts;
using HallDevices.Queueing.Halls;
using HallDevices.QueueServer.Mqtt;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Mqtt;

/// <summary>
/// The seed's catalogues fit the broker: retained messages over <c>Mqtt:MaxMessageBytes</c> would be
/// refused, leaving kiosks without a catalogue, so the server also refuses to start with one.
/// </summary>
public sealed class CatalogSizeTests
{
    public static TheoryData<string> SampleHalls() => new() { Repo.SampleHallFile, Repo.SampleVillageFile };

    [Theory]
    [MemberData(nameof(SampleHalls))]
    public void A_sample_halls_catalogue_and_every_guide_stay_under_the_brokers_message_limit(string file)
    {
        var hall = HallDevices.Queueing.Halls.HallFile.Load(file);
        var limit = new BrokerOptions().MaxMessageBytes;

        var catalog = ContractJson.SerializeToUtf8Bytes(CatalogMessages.Catalog(hall)).Length;
        var largestGuide = hall.Services.Max(s => ContractJson.SerializeToUtf8Bytes(CatalogMessages.Guide(hall, s)).Length);

        Assert.True(catalog < limit, $"{hall.Id}: catalogue {catalog} bytes, limit {limit}");
        Assert.True(largestGuide < limit / 4, $"{hall.Id}: largest guide {largestGuide} bytes");
    }

    [Fact]
    public async Task A_catalogue_over_the_message_limit_stops_start_up_saying_so()
    {
        var hall = HallDevices.Queueing.Halls.HallFile.Load(Repo.SampleHallFile);
        var size = ContractJson.SerializeToUtf8Bytes(CatalogMessages.Catalog(hall)).Length;
        Assert.True(size > 16_384, $"the sample town's catalogue ({size} bytes) must exceed the smallest limit for this test");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(settings: new Dictionary<string, string> { ["Mqtt:MaxMessageBytes"] = "16384" }));

        Assert.Contains("exited with 2", e.Message, StringComparison.Ordinal);
        Assert.Contains($"hall xinqiao: its catalogue is {size} bytes, over Mqtt:MaxMessageBytes (16384)", e.Message, StringComparison.Ordinal);
    }
}
