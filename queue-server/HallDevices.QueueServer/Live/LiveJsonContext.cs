using System.Text.Json;
using System.Text.Json.Serialization;

namespace HallDevices.QueueServer.Live;

/// <summary>Source-generated JSON of the live snapshot (camelCase, as the contract).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LiveSnapshot))]
public sealed partial class LiveJsonContext : JsonSerializerContext;
