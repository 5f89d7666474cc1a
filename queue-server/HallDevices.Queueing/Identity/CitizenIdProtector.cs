using System.Security.Cryptography;
using System.Text;

namespace HallDevices.Queueing.Identity;

/// <summary>The only form of a citizen's ID number the system keeps: a keyed hash and a masked copy.</summary>
/// <param name="Hash">HMAC-SHA256 of the normalised number under the hall's secret key, hex.</param>
/// <param name="Masked">For printing, e.g. <c>3401**********1234</c>.</param>
public sealed record CitizenIdentity(string Hash, string Masked);

/// <summary>
/// Turns a raw resident ID number into a <see cref="CitizenIdentity"/>. A keyed hash (not a plain
/// hash) because the space of ID numbers is small enough to enumerate: without the key, a leaked
/// database does not reveal who took a ticket.
/// </summary>
public sealed class CitizenIdProtector
{
    private readonly byte[] _key;

    /// <summary>Creates a protector with the hall's secret key (at least 16 bytes).</summary>
    public CitizenIdProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("the ID hashing key must be at least 16 bytes", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>Hashes and masks a raw ID number; the raw number is not kept.</summary>
    public CitizenIdentity Protect(string rawIdNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rawIdNumber);
        var normalised = rawIdNumber.Trim().ToUpperInvariant();
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normalised));
        return new CitizenIdentity(Convert.ToHexStringLower(mac), Mask(normalised));
    }

    /// <summary>Keeps the first four and last four characters of an 18-character number (fewer for shorter ones).</summary>
    public static string Mask(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        var keep = idNumber.Length >= 12 ? 4 : idNumber.Length >= 6 ? 2 : 0;
        if (keep == 0)
        {
            return new string('*', idNumber.Length);
        }

        return string.Concat(idNumber.AsSpan(0, keep), new string('*', idNumber.Length - (2 * keep)), idNumber.AsSpan(idNumber.Length - keep));
    }
}
