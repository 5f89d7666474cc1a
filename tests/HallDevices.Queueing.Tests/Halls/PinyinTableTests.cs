using System.Text;
using HallDevices.Queueing.Halls;

namespace HallDevices.Queueing.Tests.Halls;

public class PinyinTableTests
{
    [Theory]
    [InlineData("社", "s")]
    [InlineData("保", "b")]
    [InlineData("长", "cz")]   // cháng, zhǎng
    [InlineData("行", "hx")]   // háng, xíng
    [InlineData("重", "cz")]   // chóng, zhòng
    [InlineData("单", "cds")]  // chán, dān, shàn
    [InlineData("乐", "ly")]   // lè, yuè
    [InlineData("女", "n")]    // nǚ: the ü reading gives n
    [InlineData("绿", "l")]    // lǜ
    [InlineData("嗯", "n")]    // ń, ňg: a syllable without a vowel
    public void A_character_has_the_initials_of_all_its_readings(string c, string initials)
    {
        Assert.True(PinyinTable.TryGetInitials(c[0], out var found));
        Assert.Equal(initials, found);
    }

    [Theory]
    [InlineData("社会保障卡申领", "s[hk]bz[kq]sl")]   // 会 kuài (会计), 卡 qiǎ (关卡)
    [InlineData("社保卡", "sb[kq]")]
    [InlineData("户口迁移（长期）", "hkqy[cz][jq]")] // full-width brackets give no token
    [InlineData("老年人 · 优待证、办理", "lnrydzbl")]
    [InlineData("B超", "bc")]                         // 超 chāo
    [InlineData("Ｂ超", "bc")]                       // full-width letter
    [InlineData("１２３４５热线", "12345rx")]            // full-width digits
    [InlineData("ICU 探视", "icuts")]
    [InlineData("", "")]
    public void A_name_gives_one_token_per_searchable_character(string name, string pattern)
    {
        Assert.Equal(pattern, PinyinTable.InitialsOf(name, out var missing));
        Assert.Equal('\0', missing);
    }

    [Theory]
    [InlineData("社会保障卡申领", "shbzksl")]
    [InlineData("社保卡", "sbk")]
    [InlineData("户口迁移（长期）", "hkqycq")]
    [InlineData("户口迁移（长期）", "hkqyzq")]
    [InlineData("养老保险", "ylbx")]
    [InlineData("医疗保险", "ylbx")]
    [InlineData("公积金提取", "gjjtq")]
    [InlineData("宅基地审批", "zjdsp")]
    [InlineData("居住证办理", "jzzbl")]
    [InlineData("婚姻登记", "hydj")]
    [InlineData("残疾人证", "cjrz")]
    [InlineData("退役军人优待", "tyjryd")]
    [InlineData("个人所得税", "grsds")]
    [InlineData("重新申领", "cxsl")]
    [InlineData("B超预约", "bcyy")]
    public void The_initials_people_type_are_allowed_by_the_table(string name, string initials)
    {
        var searchable = name.Where(c => PinyinTable.SearchableLength(c.ToString()) == 1).ToArray();

        Assert.Equal(initials.Length, PinyinTable.SearchableLength(name));
        Assert.All(searchable.Zip(initials), p => Assert.True(PinyinTable.Allows(p.First, p.Second), $"{p.First} {p.Second}"));
    }

    [Theory]
    [InlineData('社', 'x')]
    [InlineData('社', 'S')]   // CJK initials are lowercase
    [InlineData('长', 'h')]
    [InlineData('（', 'a')]
    [InlineData(' ', ' ')]
    [InlineData('B', 'c')]
    public void A_letter_that_is_not_an_initial_of_the_character_is_not_allowed(char c, char letter)
    {
        Assert.False(PinyinTable.Allows(c, letter));
    }

    [Theory]
    [InlineData('B', 'b')]
    [InlineData('b', 'B')]
    [InlineData('Ｂ', 'b')]
    [InlineData('７', '7')]
    public void An_ascii_letter_or_digit_allows_itself_ignoring_case_and_width(char c, char letter)
    {
        Assert.True(PinyinTable.Allows(c, letter));
    }

    [Theory]
    [InlineData("社保\u3400卡\u3401", '\u3400')]  // 㐀: Extension A, has a reading but is outside the table
    [InlineData("\u2ED3期护理", '\u2ED3')]       // ⻓: a radical, as text copied from a PDF can hold, not 长
    [InlineData("\uD842\uDFB7家", '\uD842')]    // 𠮷: Extension B, reported by its high surrogate
    [InlineData("\uF900", '\uF900')]             // a compatibility ideograph
    public void A_cjk_character_missing_from_the_table_gives_no_pattern_and_is_named(string name, char expected)
    {
        Assert.Null(PinyinTable.InitialsOf(name, out var missing));
        Assert.Equal(expected, missing);
        Assert.False(PinyinTable.TryGetInitials(expected, out var initials));
        Assert.Equal("", initials);
    }

    [Theory]
    [InlineData("户口迁移（长期）", 6)]
    [InlineData("B超 预约", 4)]
    [InlineData("\uD842\uDFB7家a", 3)]  // a supplementary ideograph is one character
    [InlineData("\uD83D\uDE00社", 1)]   // an emoji is none
    [InlineData("（）·、 ", 0)]
    public void The_searchable_length_counts_cjk_characters_letters_and_digits(string name, int length)
    {
        Assert.Equal(length, PinyinTable.SearchableLength(name));
    }

    [Theory]
    [InlineData('a')]
    [InlineData('（')]
    [InlineData('\u3007')]  // 〇: not a unified ideograph, Unihan has no reading for it
    public void A_character_outside_the_table_has_no_initials(char c)
    {
        Assert.False(PinyinTable.TryGetInitials(c, out var initials));
        Assert.Equal("", initials);
    }

    [Fact]
    public void Every_hanzi_of_gb2312_has_sorted_distinct_lowercase_initials()
    {
        var hanzi = Gb2312Hanzi();

        Assert.Equal(6763, hanzi.Count);
        Assert.All(hanzi, c =>
        {
            Assert.True(PinyinTable.TryGetInitials(c, out var initials), $"{c} U+{(int)c:X4}");
            Assert.Matches("^[a-z]+$", initials);
            Assert.Equal(initials.Distinct().Order().ToArray(), initials.ToCharArray());
        });
    }

    // GB 2312 rows 16-55 (level 1, 3,755 hanzi, row 55 ends at F9) and 56-87 (level 2, 3,008), decoded
    // with code page 936, of which GB 2312 is a subset.
    private static List<char> Gb2312Hanzi()
    {
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;
        var hanzi = new List<char>();
        for (var row = 0xB0; row <= 0xF7; row++)
        {
            for (var cell = 0xA1; cell <= (row == 0xD7 ? 0xF9 : 0xFE); cell++)
            {
                var text = gbk.GetString([(byte)row, (byte)cell]);
                Assert.True(text.Length == 1 && text[0] is >= '\u4E00' and <= '\u9FFF', $"{row:X2}{cell:X2} → {text}");
                hanzi.Add(text[0]);
            }
        }
        return hanzi;
    }
}
