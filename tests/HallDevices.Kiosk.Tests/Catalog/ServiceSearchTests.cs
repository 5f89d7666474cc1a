using HallDevices.Kiosk.Catalog;
using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk.Tests.Catalog;

public class ServiceSearchTests
{
    private static readonly Dictionary<string, int> NoneToday = [];

    private static string[] Find(string? query, IReadOnlyDictionary<string, int>? issued = null, IReadOnlyList<CatalogService>? services = null, int limit = ServiceSearch.MaxResults, string language = "zh") =>
        ServiceSearch.Find(services ?? TownCatalog.Services, query, issued ?? NoneToday, limit, language).Select(s => s.Id).ToArray();

    private static string[] FindEn(string query, IReadOnlyDictionary<string, int>? issued = null) => Find(query, issued, language: "en");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_query_finds_nothing(string? query) => Assert.Empty(Find(query));

    [Fact]
    public void Typed_chinese_finds_every_name_containing_it_names_starting_with_it_first()
    {
        Assert.Equal(["social-card", "social-card-loss"], Find("社会保障卡"));
        Assert.Equal(["dibao", "temporary-aid", "legal-aid"], Find("申请"));
        Assert.Equal(["social-card", "social-card-loss", "dibao"], Find("保障"));
        Assert.Equal(["household-move"], Find(" 户口 "));
    }

    [Fact]
    public void Typed_chinese_shortened_the_usual_way_finds_the_full_name_after_names_that_contain_it()
    {
        // 社保卡补换 contains 社保卡; 社会保障卡申领 has the characters in order, as citizens shorten it.
        Assert.Equal(["social-card-replace", "social-card", "social-card-loss"], Find("社保卡"));
    }

    [Fact]
    public void Pinyin_initials_match_from_the_start_of_the_name_first_then_further_in_then_with_gaps()
    {
        // sb[kq]bh starts with sbk; the two 社会保障卡 services have s…b…k with gaps.
        Assert.Equal(["social-card-replace", "social-card", "social-card-loss"], Find("sbk"));

        // bz: consecutive further in, 社会保障卡 (s[hk]BZ…), 最低生活保障 ([cz]ds[gh]BZ…), 居民身份证 (jm[js][BF]Z…);
        // then with a gap, 医保关系转移 (yBg[jx]Z…).
        Assert.Equal(["social-card", "social-card-loss", "dibao", "id-card", "medical-transfer"], Find("bz"));
    }

    [Fact]
    public void A_character_read_two_ways_matches_either_initial()
    {
        // 会 is hui or kuai, 卡 ka or qia: both spellings find 社会保障卡申领 from its start.
        Assert.Equal("social-card", Find("shbzk")[0]);
        Assert.Equal("social-card", Find("skbzq")[0]);
        Assert.Equal(["household-move"], Find("hkqy"));
    }

    [Fact]
    public void Initials_are_case_insensitive_and_ignore_spaces()
    {
        Assert.Equal(Find("sbk"), Find("SBK"));
        Assert.Equal(Find("cxjm"), Find("cx jm"));
    }

    [Fact]
    public void In_english_the_english_name_matches_case_insensitively_whole_name_start_then_word_start_then_inside_a_word()
    {
        Assert.Equal(["social-card-replace"], FindEn("replace"));
        Assert.Equal(["residence-permit", "pension-enrol", "medical-enrol", "id-card"], FindEn("resid"));
        Assert.Equal(["social-card", "social-card-loss", "social-card-replace", "employment-card", "id-card", "veteran-card", "elderly-card"], FindEn("card"));
        Assert.Equal(["food-licence"], FindEn("LICENCE"));
        Assert.Equal(["food-licence"], FindEn("icence"));

        // "homestead LAND" (a word) before "farmLAND" (inside one), even when farmland is asked for more today.
        Assert.Equal(["homestead", "farm-subsidy"], FindEn("land", new Dictionary<string, int> { ["farm-subsidy"] = 10 }));
        Assert.Equal(FindEn("Social Security"), FindEn("social security"));
    }

    [Fact]
    public void In_chinese_letters_are_pinyin_initials_only_and_never_match_an_english_name()
    {
        // No name's initials hold c…a or r…e: on the Chinese screen these find nothing, not "CArd" or "REgister".
        Assert.Empty(Find("ca"));
        Assert.Empty(Find("re"));
        Assert.Empty(Find("replace"));
        Assert.NotEmpty(FindEn("ca"));
        Assert.Equal(["social-card-loss", "social-card-replace", "unemployment", "residence-permit"], FindEn("re").Take(4)); // "REport…", "REplace…", "REgister…", "REsidence…"

        // s: initials only in Chinese (every service whose initials hold an s), English words as well in English.
        Assert.All(Find("s"), id => Assert.Contains('s', TownCatalog.Get(id).Initials!));
        Assert.Contains("disability-card", FindEn("s")); // "DiSability certificate": cjrzbl holds no s
        Assert.DoesNotContain("disability-card", Find("s"));
    }

    [Fact]
    public void The_chinese_name_and_the_initials_match_in_both_languages()
    {
        Assert.Equal(Find("sbk"), FindEn("sbk"));
        Assert.Equal(Find("社保卡"), FindEn("社保卡"));
        Assert.Equal(["social-card-replace", "social-card", "social-card-loss"], FindEn("社保卡"));
    }

    [Fact]
    public void Ties_go_to_the_service_issued_most_today_then_to_catalogue_order()
    {
        // Both 城乡居民 services start with cxjm: catalogue order without counts, today's counts first with them.
        Assert.Equal(["pension-enrol", "medical-enrol"], Find("cxjm"));
        Assert.Equal(["medical-enrol", "pension-enrol"], Find("cxjm", new Dictionary<string, int> { ["medical-enrol"] = 5, ["pension-enrol"] = 2 }));

        // Popularity never lifts a weaker match over a better one.
        Assert.Equal(["social-card-replace", "social-card-loss", "social-card"], Find("sbk", new Dictionary<string, int> { ["social-card-loss"] = 40 }));
    }

    [Fact]
    public void A_query_mixing_chinese_and_letters_is_not_read_as_initials()
    {
        // 社b is no one's initials: "b" alone would match half the catalogue.
        Assert.Empty(Find("社b"));
    }

    [Fact]
    public void A_catalogue_from_an_older_server_without_initials_or_english_names_is_still_searchable_by_name()
    {
        var old = TownCatalog.Services.Select(s => s with { Initials = null, NameEn = null }).ToList();

        Assert.Empty(Find("sbk", services: old));
        Assert.Equal(["social-card-replace", "social-card", "social-card-loss"], Find("社保卡", services: old));
    }

    [Fact]
    public void At_most_the_limit_is_returned_best_first()
    {
        var all = Find("s");
        Assert.True(all.Length > 5, $"only {all.Length} services for s");
        Assert.Equal(all.Take(5), Find("s", limit: 5));
        Assert.Empty(Find("s", limit: 0));
    }

    [Fact]
    public void At_most_fifty_of_a_large_catalogue_come_back_for_a_query_that_matches_them_all()
    {
        var large = Enumerable.Range(1, 127).Select(i => new CatalogService($"svc-{i}", $"证明事项{i}", "A", false, false) { Initials = "zmsx" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();

        var found = Find("zm", services: large);

        Assert.Equal(ServiceSearch.MaxResults, found.Length);
        Assert.Equal(large.Take(50).Select(s => s.Id), found);
    }

    [Fact]
    public void A_query_longer_than_any_name_is_cut_and_finds_nothing_rather_than_failing()
    {
        Assert.Empty(Find(new string('s', 10_000)));
        Assert.Empty(Find(string.Concat(Enumerable.Repeat("社会保障", 1000))));
    }
}
