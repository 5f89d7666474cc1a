using System.Text.Json.Nodes;

namespace HallDevices.Contracts.Tests;

public sealed class JsonEquivalenceTests
{
    [Theory]
    [InlineData("""{"a":1,"b":"x"}""", """{"a":1}""")]
    [InlineData("""{"a":1}""", """{"a":1,"b":null}""")]
    [InlineData("""{"a":1}""", """{"A":1}""")]
    [InlineData("""{"at":"2026-11-27T09:00:00+08:00"}""", """{"at":"2026-11-27T09:00:00+09:00"}""")]
    [InlineData("""[{"a":1}]""", """[{"a":2}]""")]
    public void A_lost_added_renamed_or_changed_field_is_a_difference(string expected, string actual)
    {
        Assert.NotNull(JsonEquivalence.Difference(JsonNode.Parse(expected), JsonNode.Parse(actual)));
    }

    [Theory]
    [InlineData("""{"a":1,"b":"x"}""", """{"b":"x","a":1}""")]
    [InlineData("""{"at":"2026-11-27T09:00:00.000+08:00"}""", """{"at":"2026-11-27T09:00:00+08:00"}""")]
    [InlineData("""{"w":3.0}""", """{"w":3}""")]
    public void Order_time_precision_and_number_spelling_are_not(string expected, string actual)
    {
        Assert.Null(JsonEquivalence.Difference(JsonNode.Parse(expected), JsonNode.Parse(actual)));
    }
}
