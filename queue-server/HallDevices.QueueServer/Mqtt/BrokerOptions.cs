using System.ComponentModel.DataAnnotations;

namespace HallDevices.QueueServer.Mqtt;

/// <summary>Where the hall's broker is.</summary>
public enum BrokerMode
{
    /// <summary>The server runs an MQTTnet broker in its own process (the default: nothing else to install).</summary>
    Embedded,

    /// <summary>The server connects to an external broker (Mosquitto, an EMQX cluster).</summary>
    External,
}

/// <summary>What an MQTT account may do; see <see cref="BrokerAcl"/>.</summary>
public enum MqttRole
{
    /// <summary>The queue server itself: everything.</summary>
    Server,

    /// <summary>A ticket kiosk: ticket and print-result requests for its hall.</summary>
    Kiosk,

    /// <summary>A hall controller (display, keypads, evaluators): counter actions for its counters, its hall's state.</summary>
    Display,

    /// <summary>A read-only integrator: its hall's events.</summary>
    Integrator,
}

/// <summary>One device or integrator account of the embedded broker (<c>Mqtt:Accounts:N:...</c>).</summary>
public sealed class MqttAccount
{
    /// <summary>User name; for devices, also the device id under <c>devices/{id}/status</c>.</summary>
    [Required]
    public string Username { get; set; } = "";

    /// <summary>Password.</summary>
    [Required]
    public string Password { get; set; } = "";

    /// <summary>Role.</summary>
    public MqttRole Role { get; set; } = MqttRole.Kiosk;

    /// <summary>The hall the account belongs to (<c>*</c>: every hall, servers and district integrators only).</summary>
    [Required]
    public string HallId { get; set; } = "";

    /// <summary>For displays: the counters whose actions it may send.</summary>
    public List<string> Counters { get; set; } = [];
}

/// <summary>Configuration section <c>Mqtt</c> as the server reads it (the client keys are read by HallDevices.Messaging).</summary>
public sealed class BrokerOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Mqtt";

    /// <summary><c>Embedded</c> (default) or <c>External</c>.</summary>
    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;

    /// <summary>Broker port: the embedded broker listens here; in External mode the server connects here.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>Address the embedded broker binds (<c>0.0.0.0</c> for a hall network).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// QoS 1 messages the embedded broker queues per subscriber before it drops: MQTTnet's default
    /// of 250 lost messages in a 20,000-message burst here (docs/design.md §7). 20,000 covers a full
    /// board-plus-events burst of a busy hall for a slow display; sequence numbers make any loss
    /// beyond that visible.
    /// </summary>
    [Range(100, 1_000_000)]
    public int MaxPendingMessagesPerClient { get; set; } = 20_000;

    /// <summary>Largest request payload the server handles; larger ones get <c>payload-too-large</c>.</summary>
    [Range(256, 1_048_576)]
    public int MaxPayloadBytes { get; set; } = 16_384;

    /// <summary>
    /// Largest message (payload) the embedded broker passes on; a larger publish is refused. Retained
    /// messages must fit, so the server refuses to start with a catalogue or guide over it. Mosquitto's
    /// <c>max_packet_size</c> in <c>deploy/mosquitto</c> allows the same plus headers.
    /// </summary>
    [Range(16_384, 16_777_216)]
    public int MaxMessageBytes { get; set; } = 65_536;

    /// <summary>Lets clients connect without an account (with no rights but reading the catalogue and board).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Device and integrator accounts of the embedded broker.</summary>
    public List<MqttAccount> Accounts { get; set; } = [];

    /// <summary>Optional TLS listener of the embedded broker, for devices on the hall network.</summary>
    public BrokerTlsOptions Tls { get; set; } = new();
}

/// <summary><c>Mqtt:Tls</c>: the embedded broker's TLS listener, on when a certificate is given.</summary>
public sealed class BrokerTlsOptions
{
    /// <summary>TLS port.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 8883;

    /// <summary>The broker's certificate (PEM); empty: no TLS listener.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Its private key (PEM).</summary>
    public string? KeyPath { get; set; }
}
