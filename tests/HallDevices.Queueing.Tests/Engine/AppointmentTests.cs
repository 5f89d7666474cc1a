using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Tests.Engine;

public class AppointmentTests
{
    private static readonly Appointments.AppointmentCodec Codec = new(new byte[32]);
    private static readonly DateTimeOffset Nine = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    private static Appointments.Appointment Booking(string id = "b-1") => new(id, "small", "s2", Nine.AddMinutes(-30), Nine.AddMinutes(30));

    [Fact]
    public void A_genuine_code_verifies_within_its_window_in_its_hall()
    {
        var code = Codec.Issue(Booking());

        var check = Codec.Verify(code, "small", Nine);

        Assert.True(check.IsValid);
        Assert.Equal("s2", check.Appointment!.ServiceId);
        Assert.StartsWith(Appointments.AppointmentCodec.Prefix, code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tamper", "appointment-forged")]
    [InlineData("otherkey", "appointment-forged")]
    [InlineData("garbage", "appointment-forged")]
    [InlineData("late", "appointment-expired")]
    [InlineData("early", "appointment-too-early")]
    [InlineData("hall", "appointment-wrong-hall")]
    public void A_bad_code_is_refused_with_its_reason(string how, string expected)
    {
        var code = Codec.Issue(Booking());
        var (text, hall, now) = how switch
        {
            "tamper" => (code.Replace(".s2.", ".s1.", StringComparison.Ordinal), "small", Nine),
            "otherkey" => (new Appointments.AppointmentCodec(Enumerable.Repeat((byte)7, 32).ToArray()).Issue(Booking()), "small", Nine),
            "garbage" => ("HDA1.x.y", "small", Nine),
            "late" => (code, "small", Nine.AddHours(1)),
            "early" => (code, "small", Nine.AddHours(-1)),
            _ => (code, "big", Nine),
        };

        Assert.Equal(expected, Codec.Verify(text, hall, now).ErrorCode);
    }

    [Fact]
    public void A_booking_gives_one_priority_ticket_and_a_failed_print_gives_it_back()
    {
        var (engine, _, _) = TestHall.Start(TestHall.Small());
        var command = new IssueTicketCommand("s2", "kiosk", Priority: TicketPriority.Appointment, AppointmentId: "b-1");

        var first = engine.Issue(command).Value!.Ticket;
        Assert.Equal(ErrorCodes.AppointmentUsed, engine.Issue(command).Error?.Code);
        engine.Void(first.Number, "print-failed");

        Assert.True(engine.Issue(command).IsOk);
    }
}
