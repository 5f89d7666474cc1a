using HallDevices.Contracts;
using HallDevices.Kiosk.Catalog;
using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk.Tests.Catalog;

public class GuideSpeechTests
{
    private static readonly CatalogService Card = TownCatalog.Get("social-card");

    private static GuideMessage Guide(int? legal = 20, int? promised = 5, string? fee = null, bool oneTrip = true, string? online = "https://zwfw.example.gov.cn/item/social-card", bool agency = true) =>
        new("xinqiao", "social-card", "社会保障卡申领", "Apply for a social security card", ["居民身份证原件", "近期免冠彩色照片1张"], [], legal, promised, fee, oneTrip, online, agency);

    [Fact]
    public void Chinese_reads_the_name_the_materials_the_promised_limit_the_fee_and_the_flags()
    {
        Assert.Equal(
            "社会保障卡申领。请带好：居民身份证原件；近期免冠彩色照片1张。5个工作日内办结。不收费。最多跑一次。此事项可全程网办。可在村代办点代收代办。",
            GuideSpeech.Text(Card, Guide(), "zh"));
    }

    [Fact]
    public void A_limit_of_zero_is_done_on_the_spot_a_fee_is_read_and_absent_flags_are_not()
    {
        var text = GuideSpeech.Text(Card, Guide(legal: 0, promised: 0, fee: "工本费20元", oneTrip: false, online: null, agency: false), "zh");

        Assert.Equal("社会保障卡申领。请带好：居民身份证原件；近期免冠彩色照片1张。即办件，当场办结。收费：工本费20元。", text);
    }

    [Fact]
    public void Without_a_promise_the_statutory_limit_is_read()
    {
        Assert.Contains("20个工作日内办结", GuideSpeech.Text(Card, Guide(promised: null), "zh"), StringComparison.Ordinal);
    }

    [Fact]
    public void English_reads_the_english_name_and_points_to_the_chinese_materials_on_screen()
    {
        Assert.Equal(
            "Apply for a social security card. Please bring the 2 documents listed on the screen. It takes up to 5 working days. It is free of charge. One trip at most. It can also be done fully online. Village service points can accept it for you.",
            GuideSpeech.Text(Card, Guide(), "en"));
        Assert.DoesNotContain("身份证", GuideSpeech.Text(Card, Guide(fee: "工本费20元"), "en"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_guide_only_the_name_and_the_screens_no_guide_sentence_are_read()
    {
        Assert.Equal("社会保障卡申领。暂无办事指南，请到引导台咨询。", GuideSpeech.Text(Card, null, "zh"));
        Assert.Equal("Apply for a social security card. No guide yet. Please ask at the guide desk.", GuideSpeech.Text(Card, null, "en"));
    }
}
