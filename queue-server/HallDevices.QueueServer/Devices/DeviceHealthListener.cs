using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Messaging;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Mqtt;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Devices;

/// <summary>
/// Reads every device's retained <c>hall/{hallId}/devices/{deviceId}/status</c> of the halls this
/// server runs into the <see cref="DeviceHealthBook"/>. An empty retained payload (the status was
/// cleared) forgets the device. A payload that is not a status is logged and ignored: the device
/// keeps the status it had, and nothing else is affected.
/// </summary>
public sealed partial class DeviceHealthListener(
    HallRegistry registry,
    DeviceHealthBook book,
    HallMqttClient mqtt,
    IOptions<BrokerOptions> broker,
    ILogger<DeviceHealthListener> log) : BackgroundService
{
    private readonly ILogger _log = log;
    private readonly List<IAsyncDisposable> _subscriptions = [];

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One filter per hall rather than hall/+/...: on a district's external broker the server
        // would otherwise receive (and hold) every other hall's devices too.
        foreach (var hall in registry.Halls)
        {
            _subscriptions.Add(await mqtt.SubscribeAsync(Topics.DeviceStatus(hall.Hall.Id, "+"), HandleAsync, stoppingToken));
        }

        LogListening(string.Join(", ", registry.Halls.Select(h => h.Hall.Id)));
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var s in _subscriptions)
        {
            await s.DisposeAsync();
        }

        await base.StopAsync(cancellationToken);
    }

    /// <summary>Handles one status message (the subscription's handler; cheap, runs on the MQTT dispatcher).</summary>
    public Task HandleAsync(MqttIncomingMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        Handle(message.Topic, message.Payload);
        return Task.CompletedTask;
    }

    private void Handle(string topic, ReadOnlyMemory<byte> payload)
    {
        if (topic.Split('/') is not ["hall", var hallId, "devices", var deviceId, "status"] || registry.Find(hallId) is null || deviceId.Length == 0)
        {
            return;
        }

        if (payload.IsEmpty)
        {
            if (book.Forget(hallId, deviceId))
            {
                LogForgotten(hallId, deviceId);
            }

            return;
        }

        if (Parse(payload, out var reason) is not { } status)
        {
            LogMalformed(hallId, deviceId, reason);
            return;
        }

        if (!book.Record(hallId, deviceId, status))
        {
            LogTooMany(hallId, deviceId, DeviceHealthBook.MaxDevicesPerHall);
        }
    }

    /// <summary>The status, or null with the reason it is not one.</summary>
    private DeviceStatus? Parse(ReadOnlyMemory<byte> payload, out string reason)
    {
        reason = "";
        if (payload.Length > broker.Value.MaxPayloadBytes)
        {
            reason = $"payload is {payload.Length} bytes; the limit is {broker.Value.MaxPayloadBytes}";
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;

            // The contract's record would read {} as an offline device; "online" is what every
            // status and every last will says, so a message without it is not a status.
            if (root.ValueKind != JsonValueKind.Object || !HasOnline(root))
            {
                reason = "not a JSON object with \"online\": true or false";
                return null;
            }

            return root.Deserialize(ContractJson.Context.DeviceStatus);
        }
        catch (JsonException e)
        {
            reason = e.Message;
            return null;
        }
    }

    // Case-insensitive, as the contract's web defaults read the other fields.
    private static bool HasOnline(JsonElement root) =>
        root.EnumerateObject().Any(p => p.Name.Equals("online", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading device statuses of hall(s) {Halls}")]
    private partial void LogListening(string halls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed status of device {DeviceId} in hall {HallId}: {Reason}")]
    private partial void LogMalformed(string hallId, string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} of hall {HallId} was removed (its status was cleared)")]
    private partial void LogForgotten(string hallId, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored the status of device {DeviceId} in hall {HallId}: the hall already has {Max} devices")]
    private partial void LogTooMany(string hallId, string deviceId, int max);
}
