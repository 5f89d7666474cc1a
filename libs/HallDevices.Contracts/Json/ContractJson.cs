using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HallDevices.Contracts;

/// <summary>
/// The one JSON convention of contract v1 (docs/mqtt-api.md): UTF-8, camelCase, web defaults for
/// reading (case-insensitive names, numbers in strings accepted), Chinese left unescaped so names
/// stay readable in payloads, logs and <c>mosquitto_sub</c> output.
/// </summary>
/// <remarks>
/// Whether a null is written is not decided here but on each nullable field of the contract types
/// (<c>[JsonIgnore(Condition = ...)]</c>): the wire leaves most of them out and writes a few on
/// purpose (<c>"ticket":null</c> in a reply, a counter state's <c>ticket</c> and <c>staffId</c>, a
/// device status's <c>detail</c>), so contract types give the same bytes under any options.
/// </remarks>
public static class ContractJson
{
    /// <summary>The source-generated context bound to <see cref="Options"/>.</summary>
    public static ContractJsonContext Context { get; } = new(CreateOptions());

    /// <summary>Serializer options of the contract, resolving only contract types (no reflection).</summary>
    public static JsonSerializerOptions Options => Context.Options;

    /// <summary>Serializes a contract value to UTF-8 bytes.</summary>
    /// <typeparam name="T">A contract type.</typeparam>
    /// <param name="value">The value.</param>
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    /// <summary>Serializes a contract value to a string.</summary>
    /// <typeparam name="T">A contract type.</typeparam>
    /// <param name="value">The value.</param>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>Reads a contract value; null for a JSON <c>null</c>.</summary>
    /// <typeparam name="T">A contract type.</typeparam>
    /// <param name="utf8Json">The payload.</param>
    /// <exception cref="JsonException">The payload is not JSON of that shape.</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, TypeInfo<T>());

    /// <summary>Reads a contract value from text; null for a JSON <c>null</c>.</summary>
    /// <typeparam name="T">A contract type.</typeparam>
    /// <param name="json">The text.</param>
    /// <exception cref="JsonException">The text is not JSON of that shape.</exception>
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, TypeInfo<T>());

    /// <summary>The generated metadata of a contract type.</summary>
    /// <typeparam name="T">A contract type.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not part of the contract.</exception>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateOptions() => new(JsonSerializerDefaults.Web)
    {
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
