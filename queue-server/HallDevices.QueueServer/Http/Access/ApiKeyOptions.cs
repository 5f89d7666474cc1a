using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;

namespace HallDevices.QueueServer.Http.Access;

/// <summary>Configuration section <c>Api</c>: the integrators' API keys (the online platform, the booking site).</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Api";

    /// <summary>The sample key of appsettings.json's sample integrator; refused outside Development.</summary>
    public const string SampleKey = "sample-booking-platform-key";

    /// <summary>The integrators; a request names its key in the <c>X-Api-Key</c> header.</summary>
    public List<ApiKey> Keys { get; set; } = [];

    /// <summary>
    /// Requests one integrator's key may make per minute, sustained; more get 429 with
    /// <c>Retry-After</c>. Per key, so one busy platform cannot starve the hall's own kiosks and consoles.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Requests a key may make at once above the sustained rate (the token bucket's size).</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 100;

    /// <summary>How a key is stored: lower-case hex SHA-256 of its UTF-8 text (keys are long random strings, so a fast hash is enough).</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>One integrator's key (checked at start-up by <see cref="StaffAuthentication"/>: options validation does not look inside list items).</summary>
public sealed class ApiKey
{
    /// <summary>The integrator, recorded as <c>api:{Name}</c> in the event log.</summary>
    public string Name { get; set; } = "";

    /// <summary><see cref="ApiKeyOptions.HashOf"/> of the key; the key itself is never stored.</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>Halls the key may act for.</summary>
    public List<string> Halls { get; set; } = [];
}
