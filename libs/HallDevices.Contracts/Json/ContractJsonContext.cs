using System.Text.Json;
using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>
/// Source-generated serializers of every contract type. Use it through <see cref="ContractJson"/>,
/// whose options add what the generator's attribute cannot say (the encoder).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DictionaryKeyPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TicketRequest))]
[JsonSerializable(typeof(CounterRequest))]
[JsonSerializable(typeof(EvaluateRequest))]
[JsonSerializable(typeof(PrintResultRequest))]
[JsonSerializable(typeof(EventsRequest))]
[JsonSerializable(typeof(Reply))]
[JsonSerializable(typeof(TicketInfo))]
[JsonSerializable(typeof(CounterInfo))]
[JsonSerializable(typeof(ErrorInfo))]
[JsonSerializable(typeof(CatalogMessage))]
[JsonSerializable(typeof(BoardMessage))]
[JsonSerializable(typeof(GuideMessage))]
[JsonSerializable(typeof(CounterStateMessage))]
[JsonSerializable(typeof(DeviceStatus))]
[JsonSerializable(typeof(HallEventMessage))]
[JsonSerializable(typeof(TicketIssuedEvent))]
[JsonSerializable(typeof(TicketCalledEvent))]
[JsonSerializable(typeof(TicketRecalledEvent))]
[JsonSerializable(typeof(TicketSkippedEvent))]
[JsonSerializable(typeof(TicketReinstatedEvent))]
[JsonSerializable(typeof(TicketFinishedEvent))]
[JsonSerializable(typeof(TicketTransferredEvent))]
[JsonSerializable(typeof(TicketVoidedEvent))]
[JsonSerializable(typeof(EvaluationEvent))]
[JsonSerializable(typeof(CounterChangedEvent))]
[JsonSerializable(typeof(IReadOnlyList<HallEventMessage>))]
[JsonSerializable(typeof(HallEventMessage[]))]
[JsonSerializable(typeof(CounterInfo[]))]
[JsonSerializable(typeof(QueueInfo[]))]
[JsonSerializable(typeof(BookingRequest))]
[JsonSerializable(typeof(BookingReply))]
public sealed partial class ContractJsonContext : JsonSerializerContext;
