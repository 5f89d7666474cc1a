using System.Text.Json;
using System.Text.Json.Serialization;

namespace HallDevices.QueueServer.Evaluation;

/// <summary>JSON of the evaluation endpoints: web defaults, kebab-case enums (<c>basically-satisfied</c>), no nulls, Chinese as it is.</summary>
public static class EvaluationJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
