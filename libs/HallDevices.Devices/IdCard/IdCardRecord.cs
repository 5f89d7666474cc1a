using System.Text;

namespace HallDevices.Devices.IdCard;

/// <summary>
/// The text fields of a resident ID card. <see cref="ToString"/> masks the ID number, so logging
/// or printing a record never leaks it.
/// </summary>
/// <param name="Name">Name as printed (up to 15 characters).</param>
/// <param name="Gender">Gender.</param>
/// <param name="NationCode">Nationality code 1–56.</param>
/// <param name="BirthDate">Date of birth.</param>
/// <param name="Address">Address (up to 35 characters).</param>
/// <param name="IdNumber">The 18-character ID number (sensitive: never log it).</param>
/// <param name="Authority">Issuing authority.</param>
/// <param name="ValidFrom">First day of validity.</param>
/// <param name="ValidTo">Last day of validity, or <see langword="null"/> for 长期 (long-term).</param>
public sealed record IdCardRecord(
    string Name,
    Gender Gender,
    int NationCode,
    DateOnly BirthDate,
    string Address,
    string IdNumber,
    string Authority,
    DateOnly ValidFrom,
    DateOnly? ValidTo)
{
    /// <summary>Nationality name from the GB/T 3304 table, or the raw code when it is not in the table.</summary>
    public string NationName => Nations.NameOf(NationCode) ?? NationCode.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when the card is valid without an end date (长期).</summary>
    public bool IsLongTerm => ValidTo is null;

    /// <summary>True when the ID number's check character is correct.</summary>
    public bool HasValidIdNumber => IdNumberValidator.IsValid(IdNumber);

    /// <summary>The ID number masked for display and logs.</summary>
    public string MaskedIdNumber => IdNumberValidator.Mask(IdNumber);

    /// <summary>Whether the card is valid on the given day.</summary>
    public bool IsValidOn(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);

    /// <summary>Writes members with the ID number masked (records print every property otherwise).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name)
            .Append(", Gender = ").Append(Gender)
            .Append(", Nation = ").Append(NationName)
            .Append(", IdNumber = ").Append(MaskedIdNumber)
            .Append(", ValidTo = ").Append(ValidTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "长期");
        return true;
    }
}
