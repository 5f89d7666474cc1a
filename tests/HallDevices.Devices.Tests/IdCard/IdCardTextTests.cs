using System.Text;
using CsCheck;
using HallDevices.Devices.IdCard;
using HallDevices.Devices.Tests.Support;

namespace HallDevices.Devices.Tests.IdCard;

public class IdCardTextTests
{
    private static IdCardRecord Sample(DateOnly? validTo) => new(
        "测试甲", Gender.Female, 1, new DateOnly(1990, 2, 28), "测试省测试市测试路1号",
        "11010519491231002X", "测试市公安局", new DateOnly(2020, 5, 1), validTo);

    [Fact]
    public void The_standards_example_number_is_valid_and_its_check_character_is_X()
    {
        Assert.True(IdNumberValidator.IsValid("11010519491231002X"));
        Assert.True(IdNumberValidator.IsValid("11010519491231002x"));
        Assert.Equal('X', IdNumberValidator.ComputeCheckCharacter("11010519491231002"));
    }

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("11010519491231002")]
    [InlineData("1101051949123100211")]
    [InlineData("1101051949A231002X")]
    [InlineData("110105194913310029")]
    [InlineData("")]
    public void Wrong_check_characters_lengths_letters_and_impossible_dates_are_invalid(string id)
    {
        Assert.False(IdNumberValidator.IsValid(id));
    }

    [Fact]
    public void Changing_any_single_digit_of_a_valid_number_makes_it_invalid()
    {
        Gen.Int[1, 5000].Select(Gen.Int[0, 16], Gen.Int[1, 9]).Sample((n, pos, delta) =>
        {
            string id = SyntheticIdCards.Create(n).Text.IdNumber;
            Assert.True(IdNumberValidator.IsValid(id));
            char[] c = id.ToCharArray();
            c[pos] = (char)('0' + ((c[pos] - '0' + delta) % 10));
            string changed = new(c);
            // A changed birth date digit may also make the date impossible; either way it is invalid.
            Assert.False(IdNumberValidator.IsValid(changed));
        }, iter: 2000);
    }

    [Fact]
    public void Masking_keeps_only_the_first_and_last_four_characters()
    {
        Assert.Equal("3401**********1234", IdNumberValidator.Mask("340102199001011234"));
        Assert.Equal("", IdNumberValidator.Mask(null));
        Assert.Equal("****", IdNumberValidator.Mask("1234"));
    }

    [Fact]
    public void Printing_a_record_or_card_masks_the_id_number()
    {
        var card = SyntheticIdCards.Create(7);
        Assert.DoesNotContain(card.Text.IdNumber, card.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(card.Text.IdNumber, card.Text.ToString(), StringComparison.Ordinal);
        Assert.Contains(card.Text.MaskedIdNumber, card.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nation_codes_map_to_the_gb3304_names_at_both_ends_of_the_table()
    {
        Assert.Equal("汉", Nations.NameOf(1));
        Assert.Equal("蒙古", Nations.NameOf(2));
        Assert.Equal("基诺", Nations.NameOf(56));
        Assert.Null(Nations.NameOf(0));
        Assert.Null(Nations.NameOf(57));
        Assert.Equal(56, Nations.Count);
        Assert.Equal(5, Nations.CodeOf("维吾尔族"));
        Assert.Equal(0, Nations.CodeOf("不存在"));
    }

    [Fact]
    public void The_text_block_puts_each_field_at_its_documented_offset_in_ucs2_le_padded_with_spaces()
    {
        byte[] block = IdCardTextBlock.Build(Sample(new DateOnly(2040, 5, 1)));
        Assert.Equal(256, block.Length);
        Assert.Equal("4B6DD58B327520002000", Hex.Of(block.AsSpan(0, 10)));  // 测试甲 then a space
        Assert.Equal("测试甲", Encoding.Unicode.GetString(block, 0, 6));
        Assert.Equal("2", Encoding.Unicode.GetString(block, 30, 2));
        Assert.Equal("01", Encoding.Unicode.GetString(block, 32, 4));
        Assert.Equal("19900228", Encoding.Unicode.GetString(block, 36, 16));
        Assert.Equal("11010519491231002X", Encoding.Unicode.GetString(block, 122, 36));
        Assert.Equal("20200501", Encoding.Unicode.GetString(block, 188, 16));
        Assert.Equal("20400501", Encoding.Unicode.GetString(block, 204, 16));
    }

    [Fact]
    public void A_parsed_text_block_yields_every_field()
    {
        var r = IdCardTextBlock.Parse(IdCardTextBlock.Build(Sample(new DateOnly(2040, 5, 1))));
        Assert.Equal("测试甲", r.Name);
        Assert.Equal(Gender.Female, r.Gender);
        Assert.Equal("汉", r.NationName);
        Assert.Equal(new DateOnly(1990, 2, 28), r.BirthDate);
        Assert.Equal("测试省测试市测试路1号", r.Address);
        Assert.Equal("11010519491231002X", r.IdNumber);
        Assert.Equal("测试市公安局", r.Authority);
        Assert.Equal(new DateOnly(2020, 5, 1), r.ValidFrom);
        Assert.Equal(new DateOnly(2040, 5, 1), r.ValidTo);
        Assert.False(r.IsLongTerm);
        Assert.True(r.IsValidOn(new DateOnly(2030, 1, 1)));
        Assert.False(r.IsValidOn(new DateOnly(2040, 5, 2)));
    }

    [Fact]
    public void A_valid_to_field_reading_changqi_parses_as_long_term()
    {
        byte[] block = IdCardTextBlock.Build(Sample(null));
        Assert.Equal("长期", Encoding.Unicode.GetString(block, 204, 4));
        var r = IdCardTextBlock.Parse(block);
        Assert.True(r.IsLongTerm);
        Assert.Null(r.ValidTo);
        Assert.True(r.IsValidOn(new DateOnly(2099, 1, 1)));
    }

    [Fact]
    public void A_short_block_or_a_garbled_date_is_a_format_error_not_a_crash()
    {
        Assert.Throws<IdCardFormatException>(() => IdCardTextBlock.Parse(new byte[100]));
        byte[] block = IdCardTextBlock.Build(Sample(null));
        Encoding.Unicode.GetBytes("1990XX28", block.AsSpan(36, 16));
        Assert.Throws<IdCardFormatException>(() => IdCardTextBlock.Parse(block));
        Assert.False(IdCardTextBlock.TryParse(block, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void A_name_longer_than_its_slot_is_refused_when_building()
    {
        var r = Sample(null) with { Name = new string('测', 16) };
        Assert.Throws<ArgumentException>(() => IdCardTextBlock.Build(r));
    }

    [Fact]
    public void Synthetic_cards_have_valid_unallocated_numbers_matching_birth_and_gender_and_round_trip_through_the_read_reply()
    {
        for (int n = 1; n <= 200; n++)
        {
            var card = SyntheticIdCards.Create(n);
            Assert.True(card.Text.HasValidIdNumber);
            Assert.StartsWith("99", card.Text.IdNumber, StringComparison.Ordinal);  // unallocated area: nobody real
            Assert.Equal(card.Text.IdNumber[16] % 2 == 1 ? Gender.Male : Gender.Female, card.Text.Gender);
            Assert.Equal(card.Text.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), card.Text.IdNumber[6..14]);
            byte[] payload = IdCardReadReply.Build(IdCardTextBlock.Build(card.Text), card.Photo);
            Assert.Equal(0x0100, (payload[0] << 8) | payload[1]);
            Assert.Equal(0x0400, (payload[2] << 8) | payload[3]);
            var back = IdCardReadReply.Parse(payload);
            Assert.Equal(card.Text, back.Text);
            Assert.Equal(card.Photo, back.Photo);
        }
    }

    [Fact]
    public void A_read_reply_shorter_than_its_declared_lengths_is_a_format_error()
    {
        var card = SyntheticIdCards.Create(1);
        byte[] payload = IdCardReadReply.Build(IdCardTextBlock.Build(card.Text), card.Photo);
        Assert.Throws<IdCardFormatException>(() => IdCardReadReply.Parse(payload.AsSpan(0, payload.Length - 1)));
        Assert.Throws<IdCardFormatException>(() => IdCardReadReply.Parse(payload.AsSpan(0, 3)));
    }

    [Fact]
    public void Fuzz_random_text_blocks_parse_or_fail_with_a_format_error_only()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            try
            {
                IdCardTextBlock.Parse(bytes);
                IdCardReadReply.Parse(bytes);
            }
            catch (IdCardFormatException)
            {
            }
        }, iter: 3000);
    }
}
