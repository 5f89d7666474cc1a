using System.Globalization;
using System.Text;

namespace HallDevices.Devices.IdCard;

/// <summary>
/// The 256-byte UCS-2 LE text block of a resident ID card. Field widths in bytes: name 30,
/// gender 2, nation 4, birth 16, address 70, ID number 36, authority 30, valid from 16, valid to
/// 16, reserved 36. Unused characters are spaces.
/// </summary>
public static class IdCardTextBlock
{
    /// <summary>Length of the block in bytes.</summary>
    public const int Length = 256;

    /// <summary>Text written in the valid-to field of a long-term card.</summary>
    public const string LongTerm = "长期";

    private const int NameOffset = 0, NameBytes = 30;
    private const int GenderOffset = 30, GenderBytes = 2;
    private const int NationOffset = 32, NationBytes = 4;
    private const int BirthOffset = 36, DateBytes = 16;
    private const int AddressOffset = 52, AddressBytes = 70;
    private const int IdOffset = 122, IdBytes = 36;
    private const int AuthorityOffset = 158, AuthorityBytes = 30;
    private const int FromOffset = 188;
    private const int ToOffset = 204;

    /// <summary>Parses a text block.</summary>
    /// <exception cref="IdCardFormatException">The block is short or a field is not what the card format allows.</exception>
    public static IdCardRecord Parse(ReadOnlySpan<byte> block)
    {
        if (block.Length < Length)
        {
            throw new IdCardFormatException($"Text block has {block.Length} bytes; expected {Length}.");
        }

        string name = Field(block, NameOffset, NameBytes);
        string gender = Field(block, GenderOffset, GenderBytes);
        string nation = Field(block, NationOffset, NationBytes);
        string birth = Field(block, BirthOffset, DateBytes);
        string address = Field(block, AddressOffset, AddressBytes);
        string id = Field(block, IdOffset, IdBytes);
        string authority = Field(block, AuthorityOffset, AuthorityBytes);
        string from = Field(block, FromOffset, DateBytes);
        string to = Field(block, ToOffset, DateBytes);

        var genderValue = gender switch
        {
            "1" => Gender.Male,
            "2" => Gender.Female,
            _ => Gender.Unknown,
        };
        if (!int.TryParse(nation, NumberStyles.None, CultureInfo.InvariantCulture, out int nationCode))
        {
            throw new IdCardFormatException("Nation field is not a number.");
        }

        DateOnly? validTo = to.StartsWith(LongTerm, StringComparison.Ordinal) ? null : Date(to, "valid-to");
        return new IdCardRecord(name, genderValue, nationCode, Date(birth, "birth"), address, id, authority, Date(from, "valid-from"), validTo);
    }

    /// <summary>Parses a text block, returning <see langword="false"/> instead of throwing.</summary>
    public static bool TryParse(ReadOnlySpan<byte> block, out IdCardRecord? record)
    {
        try
        {
            record = Parse(block);
            return true;
        }
        catch (IdCardFormatException)
        {
            record = null;
            return false;
        }
    }

    /// <summary>Builds the 256-byte block for a record, used to make synthetic cards for the emulator.</summary>
    /// <exception cref="ArgumentException">A field is longer than its slot.</exception>
    public static byte[] Build(IdCardRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var block = new byte[Length];
        Put(block, NameOffset, NameBytes, record.Name, nameof(record.Name));
        Put(block, GenderOffset, GenderBytes, ((int)record.Gender).ToString(CultureInfo.InvariantCulture), nameof(record.Gender));
        Put(block, NationOffset, NationBytes, record.NationCode.ToString("00", CultureInfo.InvariantCulture), nameof(record.NationCode));
        Put(block, BirthOffset, DateBytes, Format(record.BirthDate), nameof(record.BirthDate));
        Put(block, AddressOffset, AddressBytes, record.Address, nameof(record.Address));
        Put(block, IdOffset, IdBytes, record.IdNumber, nameof(record.IdNumber));
        Put(block, AuthorityOffset, AuthorityBytes, record.Authority, nameof(record.Authority));
        Put(block, FromOffset, DateBytes, Format(record.ValidFrom), nameof(record.ValidFrom));
        Put(block, ToOffset, DateBytes, record.ValidTo is { } to ? Format(to) : LongTerm, nameof(record.ValidTo));
        Put(block, ToOffset + DateBytes, Length - ToOffset - DateBytes, string.Empty, "Reserved");
        return block;
    }

    private static string Format(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static DateOnly Date(string s, string field) =>
        DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new IdCardFormatException($"The {field} field is not a yyyyMMdd date.");

    private static string Field(ReadOnlySpan<byte> block, int offset, int bytes) =>
        Encoding.Unicode.GetString(block.Slice(offset, bytes)).TrimEnd(' ', '\0').Trim();

    private static void Put(byte[] block, int offset, int bytes, string value, string field)
    {
        var slot = block.AsSpan(offset, bytes);
        int written = Encoding.Unicode.GetByteCount(value);
        if (written > bytes)
        {
            throw new ArgumentException($"{field} needs {written} bytes; its slot holds {bytes}.", nameof(value));
        }

        Encoding.Unicode.GetBytes(value, slot);
        // Cards pad with UCS-2 spaces, not zeros.
        for (int i = written; i + 1 < bytes; i += 2)
        {
            slot[i] = 0x20;
            slot[i + 1] = 0x00;
        }
    }
}
