using System.Text;
using HallDevices.Contracts;
using HallDevices.Kiosk.Queue;
using HallDevices.Messaging;

namespace HallDevices.Kiosk.Tests.Queue;

public class CatalogReaderTests
{
    private const string Hall = "xinqiao";
    private readonly ListLogger _log = new();
    private readonly CatalogReader _reader;
    private readonly List<string> _guideChanges = [];
    private int _changes;

    public CatalogReaderTests()
    {
        _reader = new CatalogReader(_log);
        _reader.Changed += () => _changes++;
        _reader.GuideChanged += _guideChanges.Add;
    }

    private static CatalogMessage Catalog() => new(
        Hall,
        "新桥镇为民服务中心",
        "Asia/Shanghai",
        [new CatalogQueueEntry("social", "A", "社保医保"), new CatalogQueueEntry("household", "C", "户籍证照")],
        [
            new CatalogServiceEntry("social-card", "社会保障卡申领", "social", false, false, null, null)
            {
                NameEn = "Apply for a social security card", CategoryId = "card", Initials = "s[hk]bz[kq]sl", OneTrip = true,
            },
            new CatalogServiceEntry("pension-enrol", "城乡居民养老保险参保登记", "social", true, true, null, null)
            {
                NameEn = "Enrol in the residents' pension scheme", CategoryId = "pension", Initials = "cxjmylbx[cs]bdj", Online = true,
            },
            new CatalogServiceEntry("household-move", "户口迁移", "household", true, false, 1, null)
            {
                CategoryId = "household", Initials = "hkq[cy]", Agency = true,
            },
        ],
        [])
    {
        Categories =
        [
            new CatalogCategoryEntry("social", "社保医保", "Social and medical insurance", null),
            new CatalogCategoryEntry("card", "社保卡", "Social security card", "social"),
            new CatalogCategoryEntry("pension", "养老保险", "Pensions", "social"),
            new CatalogCategoryEntry("household", "户籍证照", null, null),
        ],
        Frequent = ["household-move", "social-card"],
        OnlineApp = new CatalogOnlineApp("随申办", "Suishenban app", "https://zwfw.example.gov.cn/app"),
    };

    private static BoardMessage Board(params BoardServiceCount[] popular) =>
        new(Hall, "新桥镇为民服务中心", [], [new BoardQueue("social", "社保医保", "A", 4, 12), new BoardQueue("household", "户籍证照", "C", 2, 6)], DateTimeOffset.UnixEpoch, 7) { Popular = popular };

    private static GuideMessage Guide(string serviceId, params string[] materials) =>
        new(Hall, serviceId, "社会保障卡申领", null, materials, ["本市参保人员"], 20, 5, "工本费20元", true, null, false);

    private static MqttIncomingMessage Message<T>(string topic, T body) => new(topic, ContractJson.SerializeToUtf8Bytes(body), retain: true);

    private static MqttIncomingMessage Raw(string topic, string payload) => new(topic, Encoding.UTF8.GetBytes(payload), retain: true);

    [Fact]
    public void The_catalogue_gives_the_services_with_their_english_names_categories_initials_and_flags()
    {
        _reader.ReadCatalog(Message(Topics.Catalog(Hall), Catalog()));

        var snapshot = _reader.Snapshot!;
        Assert.Equal("新桥镇为民服务中心", snapshot.HallName);
        Assert.Equal(["social", "card", "pension", "household"], snapshot.Categories.Select(c => c.Id));
        Assert.Equal(new CatalogCategory("card", "社保卡", "Social security card", "social"), snapshot.Categories[1]);
        Assert.Equal("随申办", snapshot.OnlineApp?.Name);
        var card = _reader.FindService("social-card")!;
        Assert.Equal(("Apply for a social security card", "card", "s[hk]bz[kq]sl", true, false, false), (card.NameEn, card.CategoryId, card.Initials, card.OneTrip, card.Online, card.Agency));
        var move = _reader.FindService("household-move")!;
        Assert.Equal((null, "household", true, true), (move.NameEn, move.CategoryId, move.NeedsIdCard, move.Agency));
        Assert.True(_reader.FindService("pension-enrol")!.Online);
        Assert.Equal(1, _changes);
    }

    [Fact]
    public void Before_any_ticket_today_the_common_services_are_the_hall_files_frequent_ones()
    {
        _reader.ReadCatalog(Message(Topics.Catalog(Hall), Catalog()));

        Assert.Equal(["household-move", "social-card"], _reader.Snapshot!.Common);
    }

    [Fact]
    public void Todays_popular_services_come_first_then_the_frequent_ones_each_once_and_unknown_ids_are_left_out()
    {
        _reader.ReadCatalog(Message(Topics.Catalog(Hall), Catalog()));
        _reader.ReadBoard(Message(Topics.Board(Hall), Board(new("pension-enrol", 9), new("gone-service", 5), new("social-card", 3))));

        var snapshot = _reader.Snapshot!;
        Assert.Equal(["pension-enrol", "social-card", "household-move"], snapshot.Common);
        Assert.Equal([4, 2], snapshot.Queues.Select(q => q.Waiting));
        Assert.Equal(9, _reader.Popularity["pension-enrol"]);
    }

    [Fact]
    public void The_common_row_holds_at_most_eight_services()
    {
        var known = Enumerable.Range(1, 12).ToDictionary(i => $"s{i}", i => new HallDevices.Kiosk.Flows.CatalogService($"s{i}", $"事项{i}", "q", false, false));

        var common = CatalogReader.Common(known.Keys.Take(6).Select((id, i) => new BoardServiceCount(id, 10 - i)), known.Keys.Reverse(), known);

        Assert.Equal(["s1", "s2", "s3", "s4", "s5", "s6", "s12", "s11"], common);
    }

    [Fact]
    public void A_catalogue_from_an_older_server_lists_one_category_per_queue()
    {
        var old = Catalog() with
        {
            Services = Catalog().Services.Select(s => s with { CategoryId = null, Initials = null, NameEn = null }).ToList(),
            Categories = [],
            Frequent = [],
        };

        _reader.ReadCatalog(Message(Topics.Catalog(Hall), old));

        var snapshot = _reader.Snapshot!;
        Assert.Equal([("social", "社保医保"), ("household", "户籍证照")], snapshot.Categories.Select(c => (c.Id, c.Name)));
        Assert.Equal(["social", "social", "household"], snapshot.Services.Select(s => s.CategoryId));
        Assert.Empty(snapshot.Common);
    }

    [Fact]
    public void A_catalogue_that_does_not_parse_is_logged_and_the_last_good_one_kept()
    {
        _reader.ReadCatalog(Message(Topics.Catalog(Hall), Catalog()));

        _reader.ReadCatalog(Raw(Topics.Catalog(Hall), "{\"name\":\"x\",\"queues\":[],\"services\":[{\"id\":\"a\"}]}"));
        _reader.ReadCatalog(Raw(Topics.Catalog(Hall), "not json"));

        Assert.Equal(3, _reader.Services.Count);
        Assert.Equal(2, _log.Lines.Count(l => l.StartsWith("Warning: Ignoring a catalogue message", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_latest_guide_of_each_service_is_kept_even_for_a_service_the_catalogue_does_not_list()
    {
        _reader.ReadGuide(Message(Topics.Guide(Hall, "social-card"), Guide("social-card", "居民身份证原件")));
        _reader.ReadGuide(Message(Topics.Guide(Hall, "social-card"), Guide("social-card", "居民身份证原件", "近期免冠彩色照片1张")));
        _reader.ReadGuide(Message(Topics.Guide(Hall, "new-service"), Guide("new-service", "申请表")));

        Assert.Equal(["居民身份证原件", "近期免冠彩色照片1张"], _reader.FindGuide("social-card")!.Materials);
        Assert.Equal(["申请表"], _reader.FindGuide("new-service")!.Materials);
        Assert.Null(_reader.FindService("new-service"));
        Assert.Equal(2, _reader.GuideCount);

        // Each guide says which service it is, apart from the catalogue's changes (127 arrive on every reconnection).
        Assert.Equal(["social-card", "social-card", "new-service"], _guideChanges);
        Assert.Equal(0, _changes);
    }

    [Fact]
    public void A_guide_listing_no_materials_is_no_guide_and_replaces_the_one_held()
    {
        _reader.ReadGuide(Message(Topics.Guide(Hall, "social-card"), Guide("social-card", "居民身份证原件")));

        // An older server publishes a bare guide for a service whose hall file has none.
        _reader.ReadGuide(Message(Topics.Guide(Hall, "social-card"), Guide("social-card")));
        _reader.ReadGuide(Message(Topics.Guide(Hall, "other"), Guide("other", " ")));

        Assert.Null(_reader.FindGuide("social-card"));
        Assert.Null(_reader.FindGuide("other"));
        Assert.Equal(0, _reader.GuideCount);
        Assert.Equal(["social-card", "social-card"], _guideChanges);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"hallId\":\"xinqiao\",\"serviceId\":\"social-card\",\"name\":\"社会保障卡申领\"}")]
    [InlineData("{\"hallId\":\"xinqiao\",\"serviceId\":\"other\",\"name\":\"x\",\"materials\":[\"a\"],\"conditions\":[]}")]
    public void A_guide_that_does_not_parse_or_names_another_service_is_ignored_and_logged(string payload)
    {
        _reader.ReadGuide(Message(Topics.Guide(Hall, "social-card"), Guide("social-card", "居民身份证原件")));

        _reader.ReadGuide(Raw(Topics.Guide(Hall, "social-card"), payload));

        Assert.Equal(["居民身份证原件"], _reader.FindGuide("social-card")!.Materials);
        Assert.Single(_log.Lines, l => l.StartsWith("Warning: Ignoring the guide on hall/xinqiao/guides/social-card", StringComparison.Ordinal));
    }

    [Fact]
    public void A_guide_without_conditions_reads_as_none_and_a_cleared_retained_guide_is_forgotten()
    {
        _reader.ReadGuide(Raw(Topics.Guide(Hall, "social-card"), "{\"hallId\":\"xinqiao\",\"serviceId\":\"social-card\",\"name\":\"社会保障卡申领\",\"materials\":[\"居民身份证原件\"]}"));
        Assert.Empty(_reader.FindGuide("social-card")!.Conditions);

        _reader.ReadGuide(new MqttIncomingMessage(Topics.Guide(Hall, "social-card"), ReadOnlyMemory<byte>.Empty, retain: true));

        Assert.Null(_reader.FindGuide("social-card"));
        Assert.Equal(["social-card", "social-card"], _guideChanges);
    }
}
