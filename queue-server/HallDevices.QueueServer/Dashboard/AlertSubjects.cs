namespace HallDevices.QueueServer.Dashboard;

/// <summary>Values of <see cref="HallAlert.Subject"/>: what <see cref="HallAlert.SubjectId"/> names.</summary>
public static class AlertSubjects
{
    /// <summary>A device id (<c>hall/{hallId}/devices/{deviceId}/status</c>).</summary>
    public const string Device = "device";

    /// <summary>A queue id of the hall file.</summary>
    public const string Queue = "queue";

    /// <summary>A counter id of the hall file.</summary>
    public const string Counter = "counter";

    /// <summary>A follow-up case: the rated ticket's id (<c>20261127-A001</c>), as <c>GET …/follow-ups</c> names it.</summary>
    public const string FollowUp = "follow-up";
}
