using System.Globalization;

namespace HallDevices.Devices.IdCard;

/// <summary>
/// Deterministic synthetic cards for emulators and tests. The people are invented: names are
/// "测试" plus a serial, addresses say 测试, ID numbers use the unallocated area code 990101, and
/// only the check character is computed for real so the numbers pass validation.
/// </summary>
public static class SyntheticIdCards
{
    /// <summary>Size of the photo block on a real card.</summary>
    public const int PhotoLength = 1024;

    private static readonly string[] Serials = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];

    /// <summary>Builds synthetic card number <paramref name="n"/> (1-based; any positive number works).</summary>
    public static IdCardData Create(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var birth = new DateOnly(1950, 1, 1).AddDays((n * 3571) % 20000);
        // Area 990101 belongs to no province (GB/T 2260 stops at 8x), so no real person can hold
        // one of these numbers; the sequence's last digit is odd for men as on real cards.
        string first17 = string.Create(CultureInfo.InvariantCulture, $"990101{birth:yyyyMMdd}{n % 1000:000}");
        string id = first17 + IdNumberValidator.ComputeCheckCharacter(first17);
        var from = new DateOnly(2020, 1, 1).AddDays(n % 365);
        DateOnly? to = n % 4 == 0 ? null : from.AddYears(n % 2 == 0 ? 20 : 10);
        var record = new IdCardRecord(
            Name: "测试" + Serials[(n - 1) % Serials.Length] + n.ToString(CultureInfo.InvariantCulture),
            Gender: (n % 1000) % 2 == 1 ? Gender.Male : Gender.Female,
            NationCode: ((n - 1) % Nations.Count) + 1,
            BirthDate: birth,
            Address: "测试省测试市测试路" + n.ToString(CultureInfo.InvariantCulture) + "号",
            IdNumber: id,
            Authority: "测试市公安局测试分局",
            ValidFrom: from,
            ValidTo: to);
        var photo = new byte[PhotoLength];
        new Random(n).NextBytes(photo);
        return new IdCardData(record, photo);
    }
}
