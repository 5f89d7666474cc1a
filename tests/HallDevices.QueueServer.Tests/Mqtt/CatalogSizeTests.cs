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
        var largestGuide = hall.Services.Max(s => ContractJson.SerializeToUtf8Bytes(CatalogMessages.Guide(hall, s)!).Length);

        Assert.True(catalog < limit, $"{hall.Id}: catalogue {catalog} bytes, limit {limit}");
        Assert.True(largestGuide < limit / 4, $"{hall.Id}: largest guide {largestGuide} bytes");
    }

    [Fact]
    public async Task A_service_the_hall_file_gives_no_guide_has_no_retained_guide_and_its_guide_url_says_so()
    {
        var dir = TempDir.Create("noguide");
        var hallFile = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Repo.SampleHallFile))!;
        var consultation = hallFile["services"]!.AsArray().Single(s => (string?)s!["id"] == "consultation")!.AsObject();
        consultation.Remove("guide");
        var path = Path.Combine(dir, "hall.json");
        await File.WriteAllTextAsync(path, hallFile.ToJsonString());
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string> { ["Hall:ConfigFile"] = path });
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, Sample.Kiosk);
        var inbox = new Inbox();
        await kiosk.SubscribeAsync($"hall/{Sample.Hall}/guides/+", inbox.Handler);
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        // Every other guide arrives; by then a retained one for consultation would have too.
        foreach (var id in hallFile["services"]!.AsArray().Select(s => (string)s!["id"]!).Where(id => id != "consultation"))
        {
            await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/guides/{id}");
        }

        var answer = await http.GetAsync(new Uri("/api/halls/xinqiao/services/consultation/guide", UriKind.Relative));

        Assert.DoesNotContain(inbox.Seen, m => m.Topic.EndsWith("/guides/consultation", StringComparison.Ordinal) && m.Payload.Length > 0);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("\"no-guide\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/halls/xinqiao/services/social-card/guide", UriKind.Relative))).StatusCode);
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
