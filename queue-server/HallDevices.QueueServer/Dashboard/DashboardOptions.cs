using System.ComponentModel.DataAnnotations;

namespace HallDevices.QueueServer.Dashboard;

/// <summary>Configuration section <c>Dashboard</c>: when the hall manager's dashboard raises alerts.</summary>
public sealed class DashboardOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Dashboard";

    /// <summary>A counter paused for longer than this many minutes (hall clock) is an alert.</summary>
    [Range(1, 1440)]
    public int PausedAlertMinutes { get; set; } = 10;
}
