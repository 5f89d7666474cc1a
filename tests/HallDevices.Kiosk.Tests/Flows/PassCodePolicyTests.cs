using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk.Tests.Flows;

public class PassCodePolicyTests
{
    [Fact]
    public void By_default_a_green_code_is_accepted_with_its_colour()
    {
        var policy = new PassCodePolicy(new PassCodeOptions());

        Assert.Equal(new PassCodeCheck(true, "green", null), policy.Check("HC1:green:8f3a9c0d"));
    }

    [Theory]
    [InlineData("HC1:red:8f3a9c0d", "red")]
    [InlineData("HC1:yellow:8f3a9c0d", "yellow")]
    public void By_default_other_colours_are_refused_but_their_colour_is_still_read(string code, string color)
    {
        var policy = new PassCodePolicy(new PassCodeOptions());

        Assert.Equal(new PassCodeCheck(false, color, "pass-refused"), policy.Check(code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("HC1:green:abc")] // payload shorter than 4
    [InlineData("HC2:green:8f3a9c0d")]
    [InlineData("xHC1:green:8f3a9c0d")]
    [InlineData("https://example.com/HC1:green:8f3a9c0d")]
    public void Text_that_is_not_a_pass_code_is_an_unknown_code(string code)
    {
        var policy = new PassCodePolicy(new PassCodeOptions());

        Assert.Equal(new PassCodeCheck(false, null, "unknown-code"), policy.Check(code));
        Assert.False(policy.Recognises(code));
    }

    [Fact]
    public void A_null_code_is_an_unknown_code_rather_than_an_exception()
    {
        var policy = new PassCodePolicy(new PassCodeOptions());

        Assert.Equal("unknown-code", policy.Check(null!).Reason);
    }

    [Fact]
    public void The_accepted_colours_come_from_configuration_ignoring_case()
    {
        var policy = new PassCodePolicy(new PassCodeOptions { Accept = ["Green", "YELLOW"] });

        Assert.True(policy.Check("HC1:yellow:8f3a9c0d").Accepted);
        Assert.True(policy.Check("HC1:green:8f3a9c0d").Accepted);
        Assert.Equal("pass-refused", policy.Check("HC1:red:8f3a9c0d").Reason);
    }

    [Fact]
    public void A_configured_pattern_reads_the_colour_from_its_named_group()
    {
        var policy = new PassCodePolicy(new PassCodeOptions { Pattern = "^PASS-(?<color>[A-Z]+)-[0-9]+$", Accept = ["BLUE"] });

        Assert.Equal(new PassCodeCheck(true, "BLUE", null), policy.Check("PASS-BLUE-42"));
        Assert.True(policy.Recognises("PASS-RED-42"));
        Assert.False(policy.Recognises("HC1:green:8f3a9c0d"));
    }

    [Fact]
    public void A_pattern_without_a_colour_group_fails_at_construction()
    {
        var e = Assert.Throws<ArgumentException>(() => new PassCodePolicy(new PassCodeOptions { Pattern = "^HC1:[a-z]+:.*$" }));

        Assert.Contains("color", e.Message, StringComparison.Ordinal);
    }
}
