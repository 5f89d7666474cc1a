using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HallDevices.QueueServer.Dashboard;
using HallDevices.QueueServer.Devices;

namespace HallDevices.QueueServer.Http;

/// <summary>
/// Source-generated JSON of the dashboard's replies, in the contract's convention (camelCase,
/// nulls written, Chinese unescaped): <see cref="Contracts.ContractJson"/> resolves contract types only.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeviceHealth[]))]
[JsonSerializable(typeof(HallAlert[]))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext
{
    /// <summary>The context with the contract's encoder, which the generator's attribute cannot name.</summary>
    public static DashboardJsonContext Web { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
