namespace HallDevices.QueueServer.Staff;

/// <summary>The roles of a staff account, as the staff file spells them.</summary>
public static class StaffRoles
{
    /// <summary>Works a counter of their hall (only the counters the account lists, or any when it lists none).</summary>
    public const string WindowStaff = "window-staff";

    /// <summary>Everything in their hall: the dashboard, reprint, tickets at the guide desk, any counter.</summary>
    public const string HallManager = "hall-manager";

    /// <summary>Reads every hall (dashboard, figures, follow-up of bad ratings); changes nothing but the review of appeals against ratings.</summary>
    public const string DistrictViewer = "district-viewer";

    /// <summary>An integrator's API key (not a staff account): tickets and bookings for its halls.</summary>
    public const string Integrator = "integrator";

    /// <summary>The roles a staff account may have.</summary>
    public static IReadOnlyList<string> Staff { get; } = [WindowStaff, HallManager, DistrictViewer];
}
