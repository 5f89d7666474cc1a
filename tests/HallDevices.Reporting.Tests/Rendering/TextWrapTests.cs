using HallDevices.Reporting.Rendering;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace HallDevices.Reporting.Tests.Rendering;

public class TextWrapTests
{
    private const string Mixed = "本月共取号 1,234 件，办结 1,198 件，评价率 97.4%。Waiting times are measured from issue to first call, in minutes.";

    [Theory]
    [InlineData(60f)]
    [InlineData(120f)]
    [InlineData(300f)]
    public void Every_line_fits_and_the_lines_put_together_are_the_text(float width)
    {
        using var font = new SKFont(ReportFont.Default, 10);

        var lines = TextWrap.Lines(Mixed, font, width);

        Assert.All(lines, line => Assert.True(font.MeasureText(line) <= width, $"'{line}' is wider than {width}"));
        Assert.Equal(Mixed.Replace(" ", "", StringComparison.Ordinal), string.Concat(lines).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void No_line_starts_with_closing_punctuation_and_latin_words_stay_whole()
    {
        using var font = new SKFont(ReportFont.Default, 10);
        var words = Regex.Matches(Mixed, "[A-Za-z]+").Select(m => m.Value).ToHashSet();

        for (float width = 50; width <= 250; width += 7)
        {
            var lines = TextWrap.Lines(Mixed, font, width);

            Assert.All(lines, line => Assert.DoesNotContain(line[..1], "，。、%,."));
            var latin = lines.SelectMany(l => Regex.Matches(l, "[A-Za-z]+").Select(m => m.Value));
            Assert.All(latin, w => Assert.Contains(w, words));
        }
    }

    [Fact]
    public void A_line_feed_starts_a_new_line()
    {
        using var font = new SKFont(ReportFont.Default, 10);

        Assert.Equal(["第一行", "第二行"], TextWrap.Lines("第一行\n第二行", font, 400));
    }
}
