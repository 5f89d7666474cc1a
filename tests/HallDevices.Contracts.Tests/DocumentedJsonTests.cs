using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HallDevices.Contracts.Tests;

/// <summary>
/// Every JSON example of docs/mqtt-api.md — the request payloads of its commands and the replies,
/// retained messages and events it shows — reads into the contract types and writes back to the
/// same JSON: no field lost, renamed or added.
/// </summary>
public sealed partial class DocumentedJsonTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "mqtt-api.md"));

    /// <summary>The type of a request or message by the topic it is published on.</summary>
    private static readonly (Regex Topic, Type Type)[] TopicTypes =
    [
        (new(@"^hall/[^/]+/req/ticket$"), typeof(TicketRequest)),
        (new(@"^hall/[^/]+/req/counter$"), typeof(CounterRequest)),
        (new(@"^hall/[^/]+/req/evaluate$"), typeof(EvaluateRequest)),
        (new(@"^hall/[^/]+/req/print-result$"), typeof(PrintResultRequest)),
        (new(@"^hall/[^/]+/req/events$"), typeof(EventsRequest)),
        (new(@"^hall/[^/]+/devices/[^/]+/status$"), typeof(DeviceStatus)),
    ];

    public static TheoryData<string, string> Payloads()
    {
        var data = new TheoryData<string, string>();
        foreach (Match m in Payload().Matches(Doc))
        {
            data.Add(m.Groups["topic"].Value, m.Groups["json"].Value);
        }

        return data;
    }

    public static TheoryData<string, string> Blocks()
    {
        var data = new TheoryData<string, string>();
        foreach (Match m in Block().Matches(Doc))
        {
            data.Add(m.Groups["type"].Value, m.Groups["json"].Value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_payload_the_doc_publishes_round_trips_through_its_contract_type(string topic, string json)
    {
        var type = TopicTypes.Single(t => t.Topic.IsMatch(topic)).Type;

        AssertRoundTrips(type, json);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void A_message_the_doc_shows_round_trips_through_its_contract_type(string typeName, string json)
    {
        var type = ContractType(typeName);

        AssertRoundTrips(type, json);
    }

    [Fact]
    public void The_doc_shows_every_kind_of_request_reply_retained_message_and_event()
    {
        var payloadTypes = Payloads().Select(row => TopicTypes.Single(t => t.Topic.IsMatch((string)row[0])).Type).ToHashSet();
        var blockTypes = Blocks().Select(row => ContractType((string)row[0])).ToHashSet();
        var eventTypes = Blocks().Where(row => (string)row[0] == "HallEventMessage[]")
            .SelectMany(row => JsonNode.Parse((string)row[1])!.AsArray().Select(e => (string)e!["type"]!)).ToHashSet();

        Assert.Superset(TopicTypes.Select(t => t.Type).ToHashSet(), payloadTypes);
        Assert.Subset(payloadTypes, TopicTypes.Select(t => t.Type).ToHashSet());
        Assert.Superset(new HashSet<Type> { typeof(Reply), typeof(CatalogMessage), typeof(BoardMessage), typeof(CounterStateMessage), typeof(DeviceStatus), typeof(HallEventMessage[]) }, blockTypes);
        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), eventTypes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_error_code_table_of_the_doc_lists_exactly_the_contract_codes()
    {
        var section = Doc[Doc.IndexOf("| code | when |", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n\n", StringComparison.Ordinal)];
        // The codes are the first cell of each row (a code may be one word: `forbidden`).
        var documented = section.Split('\n').Skip(2)
            .SelectMany(row => TableCode().Matches(row.Split('|')[1]).Select(m => m.Groups["code"].Value))
            .ToList();

        Assert.Equal(ErrorCodes.All, documented);
    }

    [Fact]
    public void The_doc_lists_every_health_value()
    {
        Assert.Contains(string.Join(' ', HealthStates.All.Select(h => $"`{h}`")), Doc.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static void AssertRoundTrips(Type type, string json)
    {
        var value = JsonSerializer.Deserialize(json, ContractJson.Options.GetTypeInfo(type));
        Assert.NotNull(value);

        var back = JsonSerializer.Serialize(value, ContractJson.Options.GetTypeInfo(type));

        var difference = JsonEquivalence.Difference(JsonNode.Parse(json), JsonNode.Parse(back));
        Assert.True(difference is null, $"{type.Name}: {difference}\nexample: {json}\nwritten: {back}");
    }

    private static Type ContractType(string name)
    {
        var array = name.EndsWith("[]", StringComparison.Ordinal);
        var element = typeof(Reply).Assembly.GetType("HallDevices.Contracts." + name.TrimEnd('[', ']'), throwOnError: true)!;
        return array ? element.MakeArrayType() : element;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HallDevices.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HallDevices.sln not found above " + AppContext.BaseDirectory);
    }

    // -t <topic> ... -m '<json>' in one command of a ```sh block (continuation lines included).
    [GeneratedRegex(@"-t (?<topic>hall/\S+)(?:[^\n]|\\\n)*?-m '(?<json>\{[^']*\})'")]
    private static partial Regex Payload();

    [GeneratedRegex(@"<!-- contract: (?<type>[A-Za-z\[\]]+) -->\s*```json\n(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex(@"`(?<code>[a-z]+(?:-[a-z]+)*)`")]
    private static partial Regex TableCode();
}
