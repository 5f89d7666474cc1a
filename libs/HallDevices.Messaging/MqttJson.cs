using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HallDevices.Contracts;

namespace HallDevices.Messaging;

/// <summary>JSON conventions of the MQTT contract (docs/design.md §4): UTF-8, camelCase, enum values kebab-case.</summary>
public static class MqttJson
{
    /// <summary>
    /// Default options of <see cref="HallMqttClient"/>'s <c>*Json</c> methods: the contract's
    /// <see cref="ContractJson.Options"/> (contract types go through its source-generated
    /// serializers and keep their exact bytes), plus reflection and kebab-case enums (so
    /// <c>CounterAction.CallNext</c> travels as <c>"call-next"</c>) for any other type. Nulls of
    /// types outside the contract are written, as the contract's own null rules sit on its fields.
    /// </summary>
    public static JsonSerializerOptions Default { get; } = CreateDefault();

    private static JsonSerializerOptions CreateDefault()
    {
        var options = new JsonSerializerOptions(ContractJson.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ContractJson.Context, new DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly();
        return options;
    }
}
