using HallDevices.Queueing.Halls;

namespace HallDevices.Queueing.Tests.Halls;

/// <summary>The hall file's catalogue sections: categories, English names, pinyin initials, guides, frequent services, the online app.</summary>
public class HallFileCatalogTests
{
    private const string CatalogHallJson = """
        {
          "id": "cat", "name": "目录厅",
          "onlineApp": { "name": "随申办", "nameEn": "Suishenban app", "url": "https://zwfw.example/app" },
          "frequent": ["social-card", "consult"],
          "categories": [
            { "id": "social", "name": "社保医保", "nameEn": "Social insurance",
              "children": [ { "id": "pension", "name": "养老保险", "nameEn": "Pensions" }, { "id": "card", "name": "社保卡", "nameEn": "Social security card" } ] },
            { "id": "general", "name": "综合咨询", "nameEn": "Enquiries" }
          ],
          "queues": [ { "id": "q1", "prefix": "A", "name": "综合" } ],
          "services": [
            { "id": "social-card", "name": "社会保障卡申领", "nameEn": "Apply for a social security card", "queue": "q1", "category": "card",
              "guide": { "materials": ["居民身份证原件", "近期免冠彩色证件照1张"], "conditions": ["在本市参加社会保险的人员"],
                         "legalDays": 20, "promisedDays": 10, "oneTrip": true, "onlineUrl": "https://zwfw.example/item/social-card", "agency": true } },
            { "id": "pension", "name": "城乡居民养老保险参保登记", "queue": "q1", "category": "pension",
              "guide": { "materials": ["居民身份证原件"], "legalDays": 0, "promisedDays": 0, "fee": "不收费以外的示例费用" } },
            { "id": "consult", "name": "政策咨询", "nameEn": "Policy enquiries", "queue": "q1", "category": "general", "initials": "zczx" }
          ],
          "counters": [ { "id": "c1", "name": "1号窗口", "queues": [ { "queue": "q1" } ] } ]
        }
        """;

    [Fact]
    public void Categories_are_listed_parents_before_their_children_with_english_names()
    {
        var hall = HallFile.Parse(CatalogHallJson);

        Assert.Equal(
            [new CategoryDefinition("social", "社保医保", "Social insurance", null), new CategoryDefinition("pension", "养老保险", "Pensions", "social"),
             new CategoryDefinition("card", "社保卡", "Social security card", "social"), new CategoryDefinition("general", "综合咨询", "Enquiries", null)],
            hall.Categories);
        Assert.Equal("card", hall.FindService("social-card")!.CategoryId);
        Assert.Equal("Apply for a social security card", hall.FindService("social-card")!.NameEn);
        Assert.Null(hall.FindService("pension")!.NameEn);
    }

    [Fact]
    public void A_guide_keeps_the_hall_files_materials_time_limits_fee_and_flags()
    {
        var hall = HallFile.Parse(CatalogHallJson);

        var card = hall.FindService("social-card")!.Guide!;
        Assert.Equal(["居民身份证原件", "近期免冠彩色证件照1张"], card.Materials);
        Assert.Equal(["在本市参加社会保险的人员"], card.Conditions);
        Assert.Equal((20, 10), (card.LegalDays, card.PromisedDays));
        Assert.Null(card.Fee);
        Assert.True(card.OneTrip && card.Agency);
        Assert.Equal("https://zwfw.example/item/social-card", card.OnlineUrl);

        var pension = hall.FindService("pension")!.Guide!;
        Assert.Equal((0, 0), (pension.LegalDays, pension.PromisedDays));
        Assert.Equal("不收费以外的示例费用", pension.Fee);
        Assert.False(pension.OneTrip || pension.Agency || pension.OnlineUrl is not null);
        Assert.Null(hall.FindService("consult")!.Guide);
    }

    [Fact]
    public void Initials_come_from_the_pinyin_table_unless_the_hall_file_picks_a_reading()
    {
        var hall = HallFile.Parse(CatalogHallJson);

        Assert.Equal("s[hk]bz[kq]sl", hall.FindService("social-card")!.Initials);
        Assert.Equal("cxjmylbx[cs]bdj", hall.FindService("pension")!.Initials);
        Assert.Equal("zczx", hall.FindService("consult")!.Initials);
    }

    [Fact]
    public void Frequent_services_and_the_online_app_are_read()
    {
        var hall = HallFile.Parse(CatalogHallJson);

        Assert.Equal(["social-card", "consult"], hall.Frequent);
        Assert.Equal(new OnlineApp("随申办", "Suishenban app", "https://zwfw.example/app"), hall.OnlineApp);
    }

    [Fact]
    public void A_hall_file_without_categories_gets_one_category_per_queue()
    {
        var hall = TestHall.Small();

        Assert.Equal([new CategoryDefinition("q1", "一", null, null), new CategoryDefinition("q2", "二", null, null)], hall.Categories);
        Assert.All(hall.Services, s => Assert.Equal(s.QueueId, s.CategoryId));
        Assert.Empty(hall.Frequent);
        Assert.Null(hall.OnlineApp);
    }

    [Theory]
    [InlineData("\"category\": \"card\"", "\"category\": \"nope\"", "services[0].category", "unknown category 'nope'")]
    [InlineData("\"category\": \"card\"", "\"category\": \"social\"", "services[0].category", "has sub-categories")]
    [InlineData(", \"category\": \"general\", \"initials\"", ", \"initials\"", "services[2].category", "missing required field 'category'")]
    [InlineData("{ \"id\": \"general\", \"name\": \"综合咨询\", \"nameEn\": \"Enquiries\" }", "{ \"id\": \"pension\", \"name\": \"综合咨询\" }", "categories[1].id", "duplicate category id 'pension'")]
    [InlineData("{ \"id\": \"card\", \"name\": \"社保卡\", \"nameEn\": \"Social security card\" }", "{ \"id\": \"card\", \"name\": \"社保卡\", \"children\": [ { \"id\": \"deep\", \"name\": \"深\" } ] }", "categories[0].children[1].children", "at most two levels")]
    [InlineData("\"children\": [ { \"id\": \"pension\"", "\"children\": [ { \"id\": \"spare\", \"name\": \"空\" }, { \"id\": \"pension\"", "categories[0].children[0]", "lists no service")]
    [InlineData("\"materials\": [\"居民身份证原件\"]", "\"materials\": []", "services[1].guide.materials", "at least one entry")]
    [InlineData("\"materials\": [\"居民身份证原件\"]", "\"materials\": [\"  \"]", "services[1].guide.materials[0]", "non-empty string")]
    [InlineData("\"legalDays\": 20, \"promisedDays\": 10", "\"legalDays\": 5, \"promisedDays\": 10", "services[0].guide.promisedDays", "longer than the legal one")]
    [InlineData("\"legalDays\": 20", "\"legalDays\": -1", "services[0].guide.legalDays", "at least 0")]
    [InlineData("\"onlineUrl\": \"https://zwfw.example/item/social-card\"", "\"onlineUrl\": \"zwfw/item\"", "services[0].guide.onlineUrl", "absolute http(s) URL")]
    [InlineData("\"oneTrip\": true", "\"oneTrip\": \"yes\"", "services[0].guide.oneTrip", "true or false")]
    [InlineData("\"agency\": true", "\"agency\": true, \"agancy\": true", "services[0].guide.agancy", "unknown field")]
    [InlineData("\"frequent\": [\"social-card\", \"consult\"]", "\"frequent\": [\"social-card\", \"nope\"]", "frequent[1]", "unknown service 'nope'")]
    [InlineData("\"frequent\": [\"social-card\", \"consult\"]", "\"frequent\": [\"consult\", \"consult\"]", "frequent[1]", "duplicate")]
    [InlineData("\"url\": \"https://zwfw.example/app\"", "\"url\": \"ftp://x\"", "onlineApp.url", "absolute http(s) URL")]
    [InlineData("\"initials\": \"zczx\"", "\"initials\": \"zcz\"", "services[2].initials", "has 3 letters but the name has 4")]
    [InlineData("\"initials\": \"zczx\"", "\"initials\": \"zczq\"", "services[2].initials", "letter 4 'q' is not an initial of '询'")]
    [InlineData("\"initials\": \"zczx\"", "\"initials\": \"ZCZX\"", "services[2].initials", "lowercase")]
    [InlineData("\"name\": \"政策咨询\"", "\"name\": \"政策咨询㐀\"", "services[2].initials", "has 4 letters but the name has 5")]
    [InlineData("\"name\": \"城乡居民养老保险参保登记\"", "\"name\": \"城乡居民养老保险参保登记㐀\"", "services[1].name", "'㐀' (U+3400) is not in the pinyin table; add \"initials\"")]
    [InlineData("\"nameEn\": \"Policy enquiries\"", "\"nameEn\": \" \"", "services[2].nameEn", "must not be empty")]
    [InlineData("\"name\": \"政策咨询\", \"nameEn\"", "\"name\": \"12345政策咨询\", \"nameEn\"", "services[2].initials", "has 4 letters but the name has 9")]
    public void A_broken_catalogue_section_is_rejected_naming_the_field(string find, string replace, string field, string reason)
    {
        Assert.Contains(find, CatalogHallJson, StringComparison.Ordinal);
        var index = CatalogHallJson.IndexOf(find, StringComparison.Ordinal);
        var broken = string.Concat(CatalogHallJson.AsSpan(0, index), replace, CatalogHallJson.AsSpan(index + find.Length));

        var e = Assert.Throws<HallConfigException>(() => HallFile.Parse(broken));

        Assert.Equal(field, e.Field);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345zczx", null)]
    [InlineData("abcdezczx", "letter 1 'a' is not an initial of '1'")]
    [InlineData("12345zczq", "letter 9 'q' is not an initial of '询'")]
    public void An_initials_override_must_agree_with_digits_and_letters_of_the_name_too(string initials, string? reason)
    {
        var json = CatalogHallJson.Replace("\"name\": \"政策咨询\"", "\"name\": \"12345政策咨询\"", StringComparison.Ordinal)
            .Replace("\"initials\": \"zczx\"", $"\"initials\": \"{initials}\"", StringComparison.Ordinal);

        if (reason is null)
        {
            Assert.Equal(initials, HallFile.Parse(json).FindService("consult")!.Initials);
            return;
        }

        var e = Assert.Throws<HallConfigException>(() => HallFile.Parse(json));
        Assert.Equal("services[2].initials", e.Field);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_without_a_categories_section_is_rejected()
    {
        var broken = TestHall.SmallHallJson.Replace("\"queue\": \"q2\", \"appointmentAllowed\"", "\"queue\": \"q2\", \"category\": \"x\", \"appointmentAllowed\"", StringComparison.Ordinal);

        var e = Assert.Throws<HallConfigException>(() => HallFile.Parse(broken));

        Assert.Equal("services[1].category", e.Field);
        Assert.Contains("no 'categories'", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>The two sample halls modelled on the seed: 127 town services, 60 village services, each complete.</summary>
public class SampleHallCatalogTests
{
    public static TheoryData<string, int, int> SampleHalls() => new()
    {
        { "sample-town.json", 127, 6 },
        { "sample-village.json", 60, 1 },
    };

    [Theory]
    [MemberData(nameof(SampleHalls))]
    public void A_sample_hall_carries_the_seeds_number_of_services_each_with_an_english_name_a_category_and_a_guide(string file, int services, int counters)
    {
        var hall = HallFile.Load(Path.Combine(AppContext.BaseDirectory, "halls", file));

        Assert.Equal(services, hall.Services.Count);
        Assert.Equal(counters, hall.Counters.Count);
        Assert.All(hall.Services, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.NameEn), s.Id);
            Assert.NotNull(s.Guide);
            Assert.NotEmpty(s.Guide!.Materials);
            Assert.DoesNotContain(hall.Categories, c => c.ParentId == s.CategoryId);
            Assert.False(string.IsNullOrEmpty(s.Initials), s.Id);
        });
        Assert.All(hall.Categories, c => Assert.False(string.IsNullOrWhiteSpace(c.NameEn), c.Id));
        Assert.All(hall.Frequent, id => Assert.NotNull(hall.FindService(id)));
        Assert.NotNull(hall.OnlineApp);
        Assert.Contains(hall.Services, s => s.Guide!.OnlineUrl is not null);
        Assert.Contains(hall.Services, s => s.Guide!.Agency);
    }

    [Fact]
    public void The_village_station_offers_only_services_the_town_has_under_the_same_names()
    {
        var town = HallFile.Load(Path.Combine(AppContext.BaseDirectory, "halls", "sample-town.json"));
        var village = HallFile.Load(Path.Combine(AppContext.BaseDirectory, "halls", "sample-village.json"));

        Assert.All(village.Services, s => Assert.Equal(s.Name, town.FindService(s.Id)?.Name));
        Assert.Single(village.Counters);
    }
}
