using System.Text.Json;
using System.Text.Json.Serialization;

namespace HallDevices.Messaging;

/// <summary>JSON conventions of the MQTT contract (DESIGN.md §4): UTF-8, camelCase, enum values kebab-case.</summary>
public static class MqttJson
{
    /// <summary>
    /// Default serializer options: camelCase properties, enums as kebab-case strings (so
    /// <c>CounterAction.CallNext</c> travels as <c>"call-next"</c>), nulls written (the contract has
    /// <c>"ticket":null</c>). Reflection-based; pass options with a source-generated resolver to
    /// <see cref="HallMqttClient"/> to avoid reflection.
    /// </summary>
    public static JsonSerializerOptions Default { get; } = CreateDefault();

    private static JsonSerializerOptions CreateDefault()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
