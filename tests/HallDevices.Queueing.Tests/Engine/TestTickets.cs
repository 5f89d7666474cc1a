using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Tests.Engine;

/// <summary>Tickets made by hand for the engine's parts, which are tested without the engine.</summary>
internal static class TestTickets
{
    public static readonly DateOnly Day = new(2026, 11, 27);

    /// <summary>09:00 on <see cref="Day"/> in Shanghai, as <see cref="TestHall.Morning"/>.</summary>
    public static readonly DateTimeOffset Nine = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A waiting ticket numbered <paramref name="number"/> (prefix A is queue q1, B is q2), issued at <paramref name="issuedAt"/>.</summary>
    public static Ticket Waiting(string number, DateTimeOffset issuedAt, TicketPriority priority = TicketPriority.Normal, string? queueId = null, DateOnly? day = null)
    {
        var serviceDay = day ?? Day;
        return new Ticket
        {
            Id = $"{serviceDay:yyyyMMdd}-{number}",
            Number = number,
            QueueId = queueId ?? (number[0] == 'A' ? "q1" : "q2"),
            ServiceId = number[0] == 'A' ? "s1" : "s2",
            ServiceDay = serviceDay,
            Sequence = int.Parse(number[1..], System.Globalization.CultureInfo.InvariantCulture),
            IssuedAt = issuedAt,
            Status = TicketStatus.Waiting,
            Priority = priority,
        };
    }
}
