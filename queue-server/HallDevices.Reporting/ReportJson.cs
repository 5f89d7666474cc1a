using System.Text.Json;
using System.Text.Json.Serialization;

namespace HallDevices.Reporting;

/// <summary>JSON options of the reporting library.</summary>
public static class ReportJson
{
    /// <summary>
    /// Events as the hall store keeps them (<c>LiteHallStore.Json</c>, the same settings): web
    /// defaults (camelCase), kebab-case enums, nulls left out, Chinese unescaped; the event type in
    /// HallEvent's <c>type</c> discriminator. Also fit for <see cref="HallReport"/> and
    /// <see cref="DistrictBulletin"/> JSON.
    /// </summary>
    public static JsonSerializerOptions Events { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Chinese service and hall names stay readable in exported logs.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
