using System.Buffers.Binary;
using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// Cuts a TrueType typeface down to the glyphs a PDF uses. SkiaSharp's PDF backend embeds the whole font file
/// it was given (this build has no subsetter): for wqy-microhei.ttc that is the entire 5 MB collection, both
/// faces, in every PDF — 2.3 MB compressed, and a collection is not what a PDF font stream should hold.
/// This writes a standalone font of one face with the outlines of the used glyphs only; glyph IDs, metrics
/// and hinting stay as they are, so layout is unchanged. The cmap keeps only the used characters, which
/// also becomes the PDF's Unicode map (pdftotext reads the text back through it).
/// </summary>
internal static class FontSubset
{
    // Tables a renderer and a PDF reader need; layout tables (GSUB, GPOS, GDEF, kern) are dropped because
    // SkiaSharp draws glyph by glyph without shaping, and so are vertical metrics and signatures.
    private static readonly string[] Kept = ["OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"];
    private static readonly string[] Required = ["cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"];

    /// <summary>
    /// The subset typeface, or null when the typeface is not a TrueType-outline font (e.g. a CFF .otf found by
    /// fontconfig) or its tables do not parse; then the caller embeds the typeface as it is.
    /// </summary>
    public static SKTypeface? Create(SKTypeface typeface, IEnumerable<int> codePoints)
    {
        try
        {
            var tables = typeface.GetTableTags().ToDictionary(Name, t => typeface.GetTableData(t));
            if (!Required.All(tables.ContainsKey))
            {
                return null;
            }

            byte[] head = (byte[])tables["head"].Clone();
            int numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(tables["maxp"].AsSpan(4));
            var offsets = Loca(tables["loca"], BinaryPrimitives.ReadInt16BigEndian(head.AsSpan(50)), numGlyphs);
            byte[] glyf = tables["glyf"];

            using var font = new SKFont(typeface);
            var map = new SortedDictionary<int, ushort>();
            foreach (int codePoint in codePoints.Distinct())
            {
                ushort glyph = font.GetGlyph(codePoint);
                if (glyph != 0 && glyph < numGlyphs)
                {
                    map[codePoint] = glyph;
                }
            }

            var keep = WithComponents(map.Values.Append((ushort)0), glyf, offsets);
            var (newGlyf, newLoca) = Outlines(glyf, offsets, keep);
            BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // long loca
            BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment, set below

            var output = Kept.Where(tables.ContainsKey).ToDictionary(t => t, t => tables[t]);
            output["head"] = head;
            output["glyf"] = newGlyf;
            output["loca"] = newLoca;
            output["cmap"] = Cmap(map);
            if (output.TryGetValue("post", out byte[]? post) && post.Length >= 32)
            {
                // Version 3: no glyph names (they are most of a CJK font's post table).
                output["post"] = post[..32];
                BinaryPrimitives.WriteUInt32BigEndian(output["post"].AsSpan(0), 0x00030000);
            }

            byte[] file = Sfnt(output);
            return SKTypeface.FromData(SKData.CreateCopy(file));
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Name(uint tag) => new([(char)(tag >> 24), (char)((tag >> 16) & 0xFF), (char)((tag >> 8) & 0xFF), (char)(tag & 0xFF)]);

    private static uint Tag(string name) => ((uint)name[0] << 24) | ((uint)name[1] << 16) | ((uint)name[2] << 8) | name[3];

    private static uint[] Loca(byte[] loca, int format, int numGlyphs)
    {
        var offsets = new uint[numGlyphs + 1];
        for (int g = 0; g <= numGlyphs; g++)
        {
            offsets[g] = format == 0
                ? 2u * BinaryPrimitives.ReadUInt16BigEndian(loca.AsSpan(g * 2))
                : BinaryPrimitives.ReadUInt32BigEndian(loca.AsSpan(g * 4));
        }

        return offsets;
    }

    /// <summary>The glyphs and, for composite glyphs, the glyphs they are built of.</summary>
    private static HashSet<int> WithComponents(IEnumerable<ushort> glyphs, byte[] glyf, uint[] offsets)
    {
        var keep = new HashSet<int>();
        var pending = new Stack<int>(glyphs.Select(g => (int)g));
        while (pending.Count > 0)
        {
            int g = pending.Pop();
            if (g >= offsets.Length - 1 || !keep.Add(g))
            {
                continue;
            }

            var data = glyf.AsSpan((int)offsets[g], (int)(offsets[g + 1] - offsets[g]));
            if (data.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(data) >= 0)
            {
                continue;
            }

            int p = 10;
            while (p + 4 <= data.Length)
            {
                ushort flags = BinaryPrimitives.ReadUInt16BigEndian(data[p..]);
                pending.Push(BinaryPrimitives.ReadUInt16BigEndian(data[(p + 2)..]));
                p += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
                p += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0;
                if ((flags & 0x0020) == 0)
                {
                    break;
                }
            }
        }

        return keep;
    }

    private static (byte[] Glyf, byte[] Loca) Outlines(byte[] glyf, uint[] offsets, HashSet<int> keep)
    {
        int numGlyphs = offsets.Length - 1;
        using var outlines = new MemoryStream();
        var loca = new byte[(numGlyphs + 1) * 4];
        for (int g = 0; g < numGlyphs; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(g * 4), (uint)outlines.Length);
            if (keep.Contains(g))
            {
                outlines.Write(glyf, (int)offsets[g], (int)(offsets[g + 1] - offsets[g]));
                while (outlines.Length % 4 != 0)
                {
                    outlines.WriteByte(0);
                }
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(numGlyphs * 4), (uint)outlines.Length);
        return (outlines.ToArray(), loca);
    }

    /// <summary>A cmap with one Unicode full-repertoire subtable (3, 10; format 12) of the used characters.</summary>
    private static byte[] Cmap(SortedDictionary<int, ushort> map)
    {
        var groups = new List<(int Start, int End, int Glyph)>();
        foreach (var (codePoint, glyph) in map)
        {
            if (groups.Count > 0 && groups[^1].End == codePoint - 1 && groups[^1].Glyph + (codePoint - groups[^1].Start) == glyph)
            {
                groups[^1] = groups[^1] with { End = codePoint };
            }
            else
            {
                groups.Add((codePoint, codePoint, glyph));
            }
        }

        var cmap = new byte[12 + 16 + (12 * groups.Count)];
        var span = cmap.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 1); // one encoding record
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 3); // Windows
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], 10); // Unicode full repertoire
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], 12);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], 12); // format 12
        BinaryPrimitives.WriteUInt32BigEndian(span[16..], (uint)(16 + (12 * groups.Count)));
        BinaryPrimitives.WriteUInt32BigEndian(span[24..], (uint)groups.Count);
        for (int i = 0; i < groups.Count; i++)
        {
            int at = 28 + (12 * i);
            BinaryPrimitives.WriteUInt32BigEndian(span[at..], (uint)groups[i].Start);
            BinaryPrimitives.WriteUInt32BigEndian(span[(at + 4)..], (uint)groups[i].End);
            BinaryPrimitives.WriteUInt32BigEndian(span[(at + 8)..], (uint)groups[i].Glyph);
        }

        return cmap;
    }

    /// <summary>An sfnt (TrueType) file of the tables, with their checksums and head's checkSumAdjustment.</summary>
    private static byte[] Sfnt(Dictionary<string, byte[]> tables)
    {
        var ordered = tables.OrderBy(t => Tag(t.Key)).ToList();
        int n = ordered.Count;
        int power = 1 << (int)Math.Floor(Math.Log2(n));
        int length = 12 + (16 * n) + ordered.Sum(t => Padded(t.Value.Length));
        var file = new byte[length];
        var span = file.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)n);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)Math.Log2(power));
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((n * 16) - (power * 16)));
        int offset = 12 + (16 * n);
        int headOffset = 0;
        for (int i = 0; i < n; i++)
        {
            var (name, data) = ordered[i];
            int record = 12 + (16 * i);
            BinaryPrimitives.WriteUInt32BigEndian(span[record..], Tag(name));
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 4)..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 8)..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 12)..], (uint)data.Length);
            data.CopyTo(span[offset..]);
            headOffset = name == "head" ? offset : headOffset;
            offset += Padded(data.Length);
        }

        BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(file)));
        return file;
    }

    private static int Padded(int length) => (length + 3) & ~3;

    private static uint Checksum(byte[] data)
    {
        uint sum = 0;
        for (int i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (int b = 0; b < 4; b++)
            {
                word = (word << 8) | (i + b < data.Length ? data[i + b] : 0u);
            }

            sum = unchecked(sum + word);
        }

        return sum;
    }
}
