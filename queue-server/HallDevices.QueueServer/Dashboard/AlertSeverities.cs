namespace HallDevices.QueueServer.Dashboard;

/// <summary>Values of <see cref="HallAlert.Severity"/>.</summary>
public static class AlertSeverities
{
    /// <summary>Citizens are being turned away or cannot be called: act now.</summary>
    public const string Critical = "critical";

    /// <summary>Needs attention soon.</summary>
    public const string Warning = "warning";
}
