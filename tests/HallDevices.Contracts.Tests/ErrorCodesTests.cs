using System.Reflection;
using System.Text.RegularExpressions;

namespace HallDevices.Contracts.Tests;

public sealed partial class ErrorCodesTests
{
    private static readonly string[] Declared = [.. typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    public static TheoryData<string> Codes() => [.. Declared];

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_code_is_kebab_case(string code)
    {
        Assert.Matches(KebabCase(), code);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_code_is_declared_once_and_listed_in_All(string code)
    {
        Assert.Single(Declared, code);
        Assert.Single(ErrorCodes.All, code);
    }

    [Fact]
    public void All_lists_every_declared_code_and_nothing_else()
    {
        Assert.Equal(Declared.Order(StringComparer.Ordinal), ErrorCodes.All.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Health_values_and_event_types_are_kebab_case_and_unique_too()
    {
        Assert.All(HealthStates.All.Concat(EventTypes.All), v => Assert.Matches(KebabCase(), v));
        Assert.Equal(HealthStates.All.Count, HealthStates.All.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(EventTypes.All.Count, EventTypes.All.Distinct(StringComparer.Ordinal).Count());
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();
}
