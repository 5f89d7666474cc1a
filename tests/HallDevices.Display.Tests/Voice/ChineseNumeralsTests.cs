using HallDevices.Display.Hosting;
using HallDevices.Display.Voice;

namespace HallDevices.Display.Tests.Voice;

public class ChineseNumeralsTests
{
    [Theory]
    [InlineData(0, "零")]
    [InlineData(3, "三")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(105, "一百零五")]
    [InlineData(110, "一百一十")]
    [InlineData(2024, "二千零二十四")]
    [InlineData(10_000, "一万")]
    [InlineData(10_005, "一万零五")]
    [InlineData(12_345, "一万二千三百四十五")]
    public void Numbers_are_read_as_numbers(long n, string spoken) => Assert.Equal(spoken, ChineseNumerals.Number(n));

    [Theory]
    [InlineData("A012", "A 零一二")]
    [InlineData("D001", "D 零零一")]
    [InlineData("A1000", "A 一零零零")]
    [InlineData("AB7", "A B 七")]
    public void Ticket_numbers_spell_letters_and_read_digits_one_by_one(string ticket, string spoken) =>
        Assert.Equal(spoken, ChineseNumerals.Ticket(ticket));

    [Theory]
    [InlineData("3号窗口", "三号窗口")]
    [InlineData("12号窗口", "十二号窗口")]
    [InlineData("6号综合窗口", "六号综合窗口")]
    [InlineData("综合窗口", "综合窗口")]
    public void Window_names_read_their_numbers_as_numbers(string name, string spoken) =>
        Assert.Equal(spoken, ChineseNumerals.NumbersIn(name));

    [Fact]
    public void The_default_template_makes_the_sentence_spoken_in_the_hall()
    {
        var a = new Announcement("A012", "w3", "3号窗口", Recall: false, Sequence: 1);

        Assert.Equal("请A 零一二号到三号窗口办理", a.Text(VoiceOptions.DefaultTemplate));
        Assert.Equal("A012 → 3号窗口", a.Text("{number} → {counter}"));
    }
}
