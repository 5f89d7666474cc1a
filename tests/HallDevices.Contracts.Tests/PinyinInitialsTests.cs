using HallDevices.Contracts;

namespace HallDevices.Contracts.Tests;

public sealed class PinyinInitialsTests
{
    [Theory]
    [InlineData("shbzksl", "sbk", -1)]
    [InlineData("shbzksl", "shbz", 0)]
    [InlineData("shbzksl", "bzk", 2)]
    [InlineData("shbzksl", "SL", 5)]
    [InlineData("shbzksl", "B Z K", 2)]
    [InlineData("sbk", "sbk", 0)]
    [InlineData("sbk", "sbkx", -1)]
    [InlineData("hkqy[cz]q", "czq", -1)]
    [InlineData("hkqy[cz]q", "yzq", 3)]
    [InlineData("hkqy[cz]q", "ycq", 3)]
    [InlineData("hkqy[cz]q", "yhq", -1)]
    [InlineData("bc", "bc", 0)]
    [InlineData("shbzksl", "", -1)]
    [InlineData("shbzksl", "（）", -1)]
    public void MatchesFindsTheQueryAsConsecutiveTokensOnly(string pattern, string query, int expected) =>
        Assert.Equal(expected, PinyinInitials.Matches(pattern, query));

    [Theory]
    [InlineData("shbzksl", "sbk", true)]
    [InlineData("shbzksl", "shbzksl", true)]
    [InlineData("shbzksl", "kbs", false)]
    [InlineData("shbzksl", "sbkx", false)]
    [InlineData("hkqy[cz]q", "hzq", true)]
    [InlineData("hkqy[cz]q", "hcq", true)]
    [InlineData("hkqy[cz]q", "hxq", false)]
    [InlineData("shbzksl", "", false)]
    public void IsSubsequenceAllowsGapsButKeepsTheOrder(string pattern, string query, bool expected) =>
        Assert.Equal(expected, PinyinInitials.IsSubsequence(pattern, query));

    [Theory]
    [InlineData("shbzksl", true)]
    [InlineData("hkqy[cz]q", true)]
    [InlineData("a1b2", true)]
    [InlineData("", true)]
    [InlineData("[c]", false)]
    [InlineData("[cz", false)]
    [InlineData("cz]", false)]
    [InlineData("[c[z]]", false)]
    [InlineData("SBK", false)]
    [InlineData("s k", false)]
    [InlineData(null, false)]
    public void IsValidAcceptsLettersDigitsAndGroupsOfSeveral(string? pattern, bool valid) =>
        Assert.Equal(valid, PinyinInitials.IsValid(pattern));

    [Theory]
    [InlineData("shbzksl", 7)]
    [InlineData("hkqy[cz]q", 6)]
    [InlineData("[cz][hx]", 2)]
    [InlineData("", 0)]
    public void TokenCountCountsAGroupAsOneCharacter(string pattern, int count) =>
        Assert.Equal(count, PinyinInitials.TokenCount(pattern));
}
