using HallDevices.Queueing.Evaluation;
using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// The fixed colours of the charts. Series and level colours are distinct from each other and from the greys
/// of axes and grid, so a reader (and a picture test) can tell every bar by its colour.
/// </summary>
public static class ChartPalette
{
    /// <summary>Series colours in order: blue, orange, teal, purple.</summary>
    public static IReadOnlyList<SKColor> Series { get; } =
    [
        new SKColor(0x2F, 0x6D, 0xB5),
        new SKColor(0xF2, 0x8E, 0x2B),
        new SKColor(0x1F, 0x9E, 0x89),
        new SKColor(0x8E, 0x5E, 0xA8),
    ];

    /// <summary>
    /// 未评: a slate grey, never a level's colour, because no level was given. Its blue cast keeps it apart
    /// from every shade of the (neutral grey) antialiased text.
    /// </summary>
    public static SKColor Unrated { get; } = new(0x8D, 0x99, 0xAE);

    /// <summary>Grid lines behind the bars.</summary>
    public static SKColor Grid { get; } = new(0xE3, 0xE3, 0xE3);

    /// <summary>Axis lines and tick marks.</summary>
    public static SKColor Axis { get; } = new(0x55, 0x55, 0x55);

    /// <summary>Text of titles, labels and values.</summary>
    public static SKColor Text { get; } = new(0x22, 0x22, 0x22);

    /// <summary>Secondary text: units, notes, page numbers.</summary>
    public static SKColor MutedText { get; } = new(0x6B, 0x6B, 0x6B);

    /// <summary>The colour of a level: greens for 满意, amber for 基本满意, orange and red for 差评.</summary>
    public static SKColor Level(EvaluationLevel level) => level switch
    {
        EvaluationLevel.VerySatisfied => new SKColor(0x1B, 0x7F, 0x3B),
        EvaluationLevel.Satisfied => new SKColor(0x7C, 0xC0, 0x4F),
        EvaluationLevel.BasicallySatisfied => new SKColor(0xE8, 0xC2, 0x1C),
        EvaluationLevel.Dissatisfied => new SKColor(0xE5, 0x6B, 0x5D),
        EvaluationLevel.VeryDissatisfied => new SKColor(0xB7, 0x1C, 0x1C),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not an evaluation level"),
    };
}
