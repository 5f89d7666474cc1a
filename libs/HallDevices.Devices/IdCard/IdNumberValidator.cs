using System.Globalization;

namespace HallDevices.Devices.IdCard;

/// <summary>
/// Resident ID number checks (GB 11643): 17 digits and an ISO 7064 MOD 11-2 check character
/// (<c>0</c>–<c>9</c> or <c>X</c>), plus the masked form that is safe to show and log.
/// </summary>
public static class IdNumberValidator
{
    // Weights are 2^(17-i) mod 11 for positions 0..16; spelled out because they are the standard.
    private static ReadOnlySpan<int> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private const string CheckCharacters = "10X98765432";

    /// <summary>Computes the check character for the first 17 digits.</summary>
    /// <exception cref="ArgumentException">The input is not exactly 17 ASCII digits.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Expected the first 17 digits of an ID number.", nameof(first17));
        }

        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            char c = first17[i];
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException("The first 17 characters of an ID number are digits.", nameof(first17));
            }

            sum += (c - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// True when the number has 18 characters, 17 digits, a plausible birth date (yyyyMMdd at
    /// positions 7–14) and a matching check character (lower-case <c>x</c> accepted).
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> idNumber)
    {
        if (idNumber.Length != 18)
        {
            return false;
        }

        for (int i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(idNumber[i]))
            {
                return false;
            }
        }

        if (!DateOnly.TryParseExact(idNumber.Slice(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }

        return char.ToUpperInvariant(idNumber[17]) == ComputeCheckCharacter(idNumber[..17]);
    }

    /// <summary>
    /// Masks all but the first four and last four characters (<c>3401**********1234</c>), the only
    /// form of an ID number that may be logged, stored or shown (docs/design.md §4).
    /// </summary>
    public static string Mask(string? idNumber)
    {
        if (string.IsNullOrEmpty(idNumber))
        {
            return string.Empty;
        }

        if (idNumber.Length <= 8)
        {
            return new string('*', idNumber.Length);
        }

        return string.Concat(idNumber.AsSpan(0, 4), new string('*', idNumber.Length - 8), idNumber.AsSpan(idNumber.Length - 4));
    }
}
