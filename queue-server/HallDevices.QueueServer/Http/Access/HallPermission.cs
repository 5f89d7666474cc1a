namespace HallDevices.QueueServer.Http.Access;

/// <summary>What an HTTP endpoint does to a hall, and so who may call it (README "Accounts and roles").</summary>
public enum HallPermission
{
    /// <summary>Read the hall's live state (console feed, dashboard): every staff role of the hall, district viewers.</summary>
    View,

    /// <summary>Read the manager's view (dashboard, devices, alerts): hall managers, district viewers.</summary>
    Oversee,

    /// <summary>Act at a counter: its window staff, the hall's managers.</summary>
    WorkCounter,

    /// <summary>Issue a ticket (guide desk, remote ticket): hall managers, integrators.</summary>
    IssueTicket,

    /// <summary>Book an appointment: hall managers, integrators.</summary>
    Book,

    /// <summary>Reprint a ticket at the guide desk: hall managers.</summary>
    Reprint,

    /// <summary>Record the follow-up of a bad rating (call-back, rectification, satisfaction): hall managers.</summary>
    FollowUp,

    /// <summary>Appeal a bad rating: hall managers, and window staff (the endpoint lets them appeal only ratings of their own service).</summary>
    Appeal,

    /// <summary>Decide an appeal: hall managers, district viewers.</summary>
    ReviewAppeal,
}
