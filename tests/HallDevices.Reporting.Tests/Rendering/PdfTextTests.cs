using HallDevices.Reporting.Rendering;

namespace HallDevices.Reporting.Tests.Rendering;

public class PdfTextTests
{
    [Fact]
    public void Pdftotext_reads_back_the_chinese_title_headings_table_and_figures()
    {
        using var poppler = new Poppler();
        string pdf = poppler.Save(SampleDocuments.Pdf(SampleDocuments.Summary_with_heading_paragraph_and_table()));

        string text = Poppler.Text(pdf);

        Assert.Contains(SampleDocuments.Title, text, StringComparison.Ordinal);
        Assert.Contains("一、总体情况", text, StringComparison.Ordinal);
        Assert.Contains("二、好差评", text, StringComparison.Ordinal);
        Assert.Contains("未达标的指标以红色标出", text, StringComparison.Ordinal);
        foreach (var (name, value, _) in SampleDocuments.Summary)
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
            Assert.Contains(value, text, StringComparison.Ordinal);
        }

        Assert.Equal([(1, 1)], Poppler.PageLabels(text));
    }

    [Fact]
    public void The_pdf_is_a4_with_the_title_and_author_in_its_metadata()
    {
        using var poppler = new Poppler();
        string pdf = poppler.Save(SampleDocuments.Pdf(SampleDocuments.Summary_with_heading_paragraph_and_table()));

        var info = Poppler.Info(pdf);

        Assert.Equal(SampleDocuments.Title, info["Title"]);
        Assert.Equal("新桥镇为民服务中心", info["Author"]);
        Assert.Contains("(A4)", info["Page size"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_flagged_cell_is_printed_on_the_flag_colour_and_a_document_without_flags_has_none_of_it()
    {
        using var poppler = new Poppler();
        var flagged = SampleDocuments.Summary_with_heading_paragraph_and_table();
        var table = flagged.Blocks.OfType<ReportTable>().Single();
        var plain = flagged with
        {
            Blocks = flagged.Blocks.Select(b => b == table
                ? table with { Rows = table.Rows.Select(r => (IReadOnlyList<TableCell>)r.Select(c => c with { Style = CellStyle.Normal }).ToList()).ToList() }
                : b).ToList(),
        };

        using var withFlag = BarPixels.Load(poppler.Raster(poppler.Save(SampleDocuments.Pdf(flagged), "flagged.pdf"), 1));
        using var withoutFlag = BarPixels.Load(poppler.Raster(poppler.Save(SampleDocuments.Pdf(plain), "plain.pdf"), 1));

        Assert.True(BarPixels.Count(withFlag, PdfWriter.FlagFill, 3) > 50, "the missed target's cell has the flag ground");
        Assert.Equal(0, BarPixels.Count(withoutFlag, PdfWriter.FlagFill, 3));
    }
}
