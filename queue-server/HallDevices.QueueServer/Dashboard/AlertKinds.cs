namespace HallDevices.QueueServer.Dashboard;

/// <summary>Values of <see cref="HallAlert.Kind"/>, with their severity and what <see cref="HallAlert.Since"/> means.</summary>
public static class AlertKinds
{
    /// <summary>Critical: the device said it is offline, or its last will did. Since it went offline.</summary>
    public const string DeviceOffline = "device-offline";

    /// <summary>Critical: the printer has no paper. Since the health changed.</summary>
    public const string PaperOut = "paper-out";

    /// <summary>Warning: the printer's paper is near its end. Since the health changed.</summary>
    public const string PaperLow = "paper-low";

    /// <summary>Critical: the printer's cover is open. Since the health changed.</summary>
    public const string CoverOpen = "cover-open";

    /// <summary>Critical: the device is online but reports <c>error</c>. Since the health changed.</summary>
    public const string DeviceError = "device-error";

    /// <summary>Warning: the device reports a health this server does not know. Since the health changed.</summary>
    public const string DeviceUnknownHealth = "device-unknown-health";

    /// <summary>Warning: the queue's oldest ticket has waited longer than the hall's service level. Since it passed the level.</summary>
    public const string QueueOverServiceLevel = "queue-over-service-level";

    /// <summary>Warning: the counter has been paused longer than <see cref="DashboardOptions.PausedAlertMinutes"/>. Since it paused.</summary>
    public const string CounterPausedTooLong = "counter-paused-too-long";

    /// <summary>
    /// Warning: the follow-up (回访整改) of a bad rating is still open after its due date (hall-local).
    /// Since the hall's midnight after the due date.
    /// </summary>
    public const string FollowUpOverdue = "follow-up-overdue";
}
