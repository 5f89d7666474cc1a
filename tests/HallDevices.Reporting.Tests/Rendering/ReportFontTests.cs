using HallDevices.Reporting.Rendering;

namespace HallDevices.Reporting.Tests.Rendering;

public class ReportFontTests
{
    [Fact]
    public void A_missing_font_file_is_a_clear_error_naming_the_debian_package()
    {
        var e = Assert.Throws<ReportFontException>(() => ReportFont.Load("/nonexistent/wqy-microhei.ttc"));

        Assert.Contains("fonts-wqy-microhei", e.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/wqy-microhei.ttc", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_font_without_chinese_glyphs_is_refused()
    {
        const string latinOnly = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        Assert.True(File.Exists(latinOnly), "DejaVu Sans (Debian fonts-dejavu-core, pulled in by fontconfig) is the Latin-only font this test needs");

        var e = Assert.Throws<ReportFontException>(() => ReportFont.Load(latinOnly));

        Assert.Contains("no Chinese glyphs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_font_draws_the_national_level_names()
    {
        Assert.True(ReportFont.CanDraw(ReportFont.Default, "非常满意 满意 基本满意 不满意 非常不满意 未评 第 1 页 / 共 2 页"));
    }
}
