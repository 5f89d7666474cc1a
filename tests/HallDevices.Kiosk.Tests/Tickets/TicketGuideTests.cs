using HallDevices.Contracts;
using HallDevices.Kiosk.Tickets;

namespace HallDevices.Kiosk.Tests.Tickets;

public class TicketGuideTests
{
    internal static GuideMessage Guide(int materials = 2, int? promised = 5, int? legal = 20, string? fee = null, bool oneTrip = true, string? online = null, bool agency = false) => new(
        "xinqiao", "social-card", "社会保障卡申领", "Apply for a social security card",
        new[] { "居民身份证原件", "近期免冠彩色照片1张（白底，小二寸）" }.Concat(Enumerable.Range(3, 30).Select(i => $"其他证明材料第{i}份")).Take(materials).ToList(),
        ["本市户籍或在本市参保的人员"], legal, promised, fee, oneTrip, online, agency);

    [Fact]
    public void The_short_guide_lists_the_numbered_materials_the_promised_time_the_fee_and_the_flags()
    {
        var lines = TicketGuide.ShortLines(Guide(fee: "工本费20元", online: "https://zwfw.example.gov.cn/item/social-card", agency: true));

        Assert.Equal(
            ["办事指南（简）", "所需材料：", "1. 居民身份证原件", "2. 近期免冠彩色照片1张（白底，小二寸）", "承诺时限：5个工作日", "收费：工本费20元", "最多跑一次　可全程网办　村代办点可代收代办"],
            lines);
    }

    [Theory]
    [InlineData(0, 20, "承诺时限：即办")]
    [InlineData(null, 0, "法定时限：即办")]
    [InlineData(null, 15, "法定时限：15个工作日")]
    public void Zero_days_is_done_at_the_window_and_without_a_promise_the_legal_limit_is_printed(int? promised, int? legal, string expected) =>
        Assert.Contains(expected, TicketGuide.ShortLines(Guide(promised: promised, legal: legal)));

    [Fact]
    public void No_fee_prints_free_no_time_limit_prints_none_and_no_flag_prints_no_flag_line()
    {
        var lines = TicketGuide.ShortLines(Guide(promised: null, legal: null, oneTrip: false));

        Assert.Equal(["办事指南（简）", "所需材料：", "1. 居民身份证原件", "2. 近期免冠彩色照片1张（白底，小二寸）", "收费：不收费"], lines);
    }

    [Fact]
    public void Twenty_materials_are_cut_to_the_line_limit_ending_with_how_many_there_are_and_where_to_read_them()
    {
        var lines = TicketGuide.ShortLines(Guide(materials: 20, fee: "不收费", online: "https://x.example/1", agency: true));

        Assert.Equal(TicketGuide.MaxLines, lines.Count);
        Assert.Equal("…等20项，详见扫码页面", lines[^4]);
        Assert.Equal("6. 其他证明材料第6份", lines[^5]);
        Assert.Equal(["承诺时限：5个工作日", "收费：不收费", "最多跑一次　可全程网办　村代办点可代收代办"], lines.TakeLast(3));
    }

    [Fact]
    public void Materials_that_just_fit_are_all_listed_without_the_cut_line()
    {
        // Title, header, time, fee, flags: 5 lines, so 7 materials fill the 12.
        var lines = TicketGuide.ShortLines(Guide(materials: 7));

        Assert.Equal(TicketGuide.MaxLines, lines.Count);
        Assert.Equal("7. 其他证明材料第7份", lines[8]);
        Assert.DoesNotContain(lines, l => l.Contains('等', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(48)]
    [InlineData(32)]
    [InlineData(11)]
    public void Wrapping_keeps_every_line_within_the_width_loses_no_character_and_indents_under_the_number(int columns)
    {
        const string Item = "3. 申请人及其配偶、子女的居民身份证和户口簿原件及复印件（复印件需由本人签字确认，注明“与原件一致”）";

        var lines = TicketText.Wrap(Item, columns, s => TicketText.Columns(s));

        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.InRange(TicketText.Columns(l), 1, columns));
        Assert.Equal(Item.Replace(" ", "", StringComparison.Ordinal), string.Concat(lines).Replace(" ", "", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.StartsWith("   ", l, StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.DoesNotMatch("^ *[，。、；：）”]", l));
    }

    [Fact]
    public void Latin_words_break_at_spaces_and_a_word_longer_than_the_line_is_split()
    {
        var words = TicketText.Wrap("收费：Free of charge for residents", 16, s => TicketText.Columns(s));
        var url = TicketText.Wrap("https://zwfw.example.gov.cn/item/social-card", 16, s => TicketText.Columns(s));

        Assert.Equal(["收费：Free of", "charge for", "residents"], words);
        Assert.All(url, l => Assert.InRange(TicketText.Columns(l), 1, 16));
        Assert.Equal("https://zwfw.example.gov.cn/item/social-card", string.Concat(url));
    }

    [Fact]
    public void The_flags_break_between_phrases_not_inside_one()
    {
        var lines = TicketText.Wrap("最多跑一次　可全程网办　村代办点可代收代办", 32, s => TicketText.Columns(s));

        Assert.Equal(["最多跑一次　可全程网办", "村代办点可代收代办"], lines);
    }

    [Theory]
    [InlineData("社会保障卡", 10)]
    [InlineData("A012 号", 7)]
    [InlineData("（简）", 6)]
    public void Text_mode_counts_two_columns_a_chinese_character_and_one_an_ascii_one(string text, int columns) =>
        Assert.Equal(columns, TicketText.Columns(text));
}
