namespace HallDevices.Contracts;

/// <summary>
/// Topic names of the MQTT contract v1 (docs/design.md §4). Every topic is namespaced by hall id so one
/// broker can carry a whole district.
/// </summary>
public static class Topics
{
    /// <summary>Ticket requests from kiosks, mobile and console.</summary>
    public static string TicketRequest(string hallId) => $"hall/{hallId}/req/ticket";

    /// <summary>Counter actions from caller keypads and the staff console.</summary>
    public static string CounterRequest(string hallId) => $"hall/{hallId}/req/counter";

    /// <summary>Ratings from evaluators.</summary>
    public static string EvaluateRequest(string hallId) => $"hall/{hallId}/req/evaluate";

    /// <summary>Print outcome reported by a kiosk; a failed print voids the ticket.</summary>
    public static string PrintResultRequest(string hallId) => $"hall/{hallId}/req/print-result";

    /// <summary>Retained catalogue of queues, services and counters.</summary>
    public static string Catalog(string hallId) => $"hall/{hallId}/catalog";

    /// <summary>Retained call board: latest calls and waiting counts.</summary>
    public static string Board(string hallId) => $"hall/{hallId}/board";

    /// <summary>Retained service guide (办事指南) of one service.</summary>
    public static string Guide(string hallId, string serviceId) => $"hall/{hallId}/guides/{serviceId}";

    /// <summary>Subscription filter for every service guide of a hall.</summary>
    public static string Guides(string hallId) => $"hall/{hallId}/guides/+";

    /// <summary>Retained state of one counter.</summary>
    public static string CounterState(string hallId, string counterId) => $"hall/{hallId}/counters/{counterId}/state";

    /// <summary>Retained status of one device, with a last will of <c>online:false</c>.</summary>
    public static string DeviceStatus(string hallId, string deviceId) => $"hall/{hallId}/devices/{deviceId}/status";

    /// <summary>Events of one type, each with a per-hall sequence number.</summary>
    public static string Event(string hallId, string type) => $"hall/{hallId}/events/{type}";
}
