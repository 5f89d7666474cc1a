using HallDevices.Queueing.Halls;

namespace HallDevices.Queueing.Tests.Halls;

public class HallFileTests
{
    [Fact]
    public void Sample_town_hall_loads_with_category_windows_and_one_fallback()
    {
        var hall = TestHall.Sample();

        Assert.Equal("xinqiao", hall.Id);
        Assert.Equal("Asia/Shanghai", hall.TimeZone.Id);
        Assert.True(hall.Services.Count >= 12);
        Assert.Single(hall.Counters, c => c.Fallback);
        Assert.All(hall.Services, s => Assert.NotNull(hall.FindQueue(s.QueueId)));
        Assert.Equal(hall.Queues.Count, hall.QueuesServedBy(hall.Counters.Single(c => c.Fallback)).Count);
    }

    [Theory]
    [InlineData("\"服务一\", \"queue\": \"q1\"", "\"服务一\", \"queue\": \"nope\"", "services[0].queue", "unknown queue 'nope'")]
    [InlineData("{ \"id\": \"q2\", \"prefix\": \"B\"", "{ \"id\": \"q1\", \"prefix\": \"B\"", "queues[1].id", "duplicate queue id 'q1'")]
    [InlineData("\"prefix\": \"B\"", "\"prefix\": \"b7\"", "queues[1].prefix", "capital letters")]
    [InlineData("\"prefix\": \"B\"", "\"prefix\": \"A\"", "queues[1].prefix", "duplicate queue prefix 'A'")]
    [InlineData("{ \"id\": \"c2\", \"name\": \"2号窗口\",", "{ \"id\": \"c2\",", "counters[1].name", "missing required field 'name'")]
    [InlineData("{ \"id\": \"c2\", \"name\": \"2号窗口\", \"queues\": [ { \"queue\": \"q2\"", "{ \"id\": \"c2\", \"name\": \"2号窗口\", \"queues\": [ { \"queue\": \"q9\"", "counters[1].queues[0].queue", "unknown queue 'q9'")]
    [InlineData("\"dailyCapacity\": 3", "\"dailyCapacity\": 0", "services[2].dailyCapacity", "at least 1")]
    [InlineData("\"dailyCapacity\": 3", "\"dailyCapacity\": 3, \"dailyLimt\": 2", "services[2].dailyLimt", "unknown field")]
    [InlineData("\"name\": \"小厅\"", "\"name\": \"小厅\", \"timeZone\": \"Mars/Olympus\"", "timeZone", "unknown time zone")]
    [InlineData("{ \"id\": \"s1\", \"name\": \"服务一\", \"queue\": \"q1\" },", "{ \"id\": \"s3\", \"name\": \"服务一\", \"queue\": \"q1\" },", "services[2].id", "duplicate service id 's3'")]
    public void A_broken_hall_file_is_rejected_naming_the_field(string find, string replace, string field, string reason)
    {
        var json = TestHall.SmallHallJson;
        Assert.Contains(find, json, StringComparison.Ordinal);
        var broken = ReplaceFirst(json, find, replace);

        var e = Assert.Throws<HallConfigException>(() => HallFile.Parse(broken));

        Assert.Equal(field, e.Field);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_queue_no_counter_serves_is_rejected()
    {
        var json = TestHall.SmallHallJson
            .Replace("{ \"id\": \"f\", \"name\": \"综合窗口\", \"fallback\": true }", "{ \"id\": \"f\", \"name\": \"综合窗口\", \"queues\": [ { \"queue\": \"q1\" } ] }", StringComparison.Ordinal)
            .Replace("{ \"queue\": \"q1\", \"weight\": 3 }, { \"queue\": \"q2\", \"weight\": 1 }", "{ \"queue\": \"q1\", \"weight\": 3 }", StringComparison.Ordinal)
            .Replace("\"queues\": [ { \"queue\": \"q2\", \"weight\": 1 } ]", "\"queues\": [ { \"queue\": \"q1\", \"weight\": 1 } ]", StringComparison.Ordinal);

        var e = Assert.Throws<HallConfigException>(() => HallFile.Parse(json));

        Assert.Equal("queues[1]", e.Field);
    }

    [Fact]
    public void Malformed_json_is_rejected_with_its_line()
    {
        var e = Assert.Throws<HallConfigException>(() => HallFile.Parse("{\n \"id\": \"x\",\n \"name\": }"));

        Assert.Equal("(json)", e.Field);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_hall_file_is_reported_by_path()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "hall.json");

        var e = Assert.Throws<HallConfigException>(() => HallFile.Load(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_top_level_lists_are_named()
    {
        var e = Assert.Throws<HallConfigException>(() => HallFile.Parse("""{ "id": "x", "name": "y", "queues": [] }"""));
        Assert.Equal("queues", e.Field);

        e = Assert.Throws<HallConfigException>(() => HallFile.Parse("""{ "id": "x", "name": "y", "queues": [ { "id": "q", "prefix": "A", "name": "n" } ] }"""));
        Assert.Equal("services", e.Field);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var i = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, i), replace, text.AsSpan(i + find.Length));
    }
}
