using System.Net.Http.Json;
using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.Kiosk.Tests.EndToEnd;

[Collection("kiosk hall")]
public class KioskEndToEndTests(KioskHall hall)
{
    [Fact]
    public async Task Swipe_choose_and_the_emulated_printer_prints_the_servers_number_with_a_qr_to_its_tracking_page()
    {
        await hall.BackToStartAsync();
        var next = hall.ReceiptCount + 1;

        await hall.Reader.SendAsync("card 3");
        var services = await hall.WaitForScreenAsync("services");
        Assert.StartsWith("测", services.GetProperty("view").GetProperty("citizenName").GetString(), StringComparison.Ordinal);
        await hall.ChooseAsync("pension-enrol");
        var done = await hall.WaitForScreenAsync("ticket");
        var receipt = await hall.WaitForReceiptAsync(next);

        var ticket = done.GetProperty("view").GetProperty("ticket");
        var number = ticket.GetProperty("number").GetString()!;
        var onServer = await hall.ServerTicketAsync(number);
        Assert.Equal("pension-enrol", onServer.GetProperty("serviceId").GetString());
        Assert.Equal("waiting", onServer.GetProperty("status").GetString());
        KioskHall.AssertTrackingQr(onServer, QrCodes.DecodePng(receipt));
        Assert.Matches(@"^\d{4}\*{10}[\dX]{4}$", onServer.GetProperty("maskedId").GetString());
    }

    [Fact]
    public async Task A_service_that_needs_an_id_card_is_refused_without_one_in_plain_words()
    {
        await hall.BackToStartAsync();

        await hall.ChooseAsync("household-move");
        var state = await hall.WaitForScreenAsync("message");

        Assert.Equal("id-required", state.GetProperty("view").GetProperty("messageCode").GetString());
    }

    [Fact]
    public async Task A_scanned_appointment_code_checks_in_as_a_priority_ticket_and_prints()
    {
        await hall.BackToStartAsync();
        using var booking = StaffSessions.Integrator(hall.Server.BaseUri); // the booking platform's key
        var booked = await booking.PostAsJsonAsync("/api/halls/xinqiao/appointments", new { serviceId = "disability-card" });
        var code = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appointmentCode").GetString()!;
        var next = hall.ReceiptCount + 1;

        await hall.Reader.SendAsync("card 5"); // the service needs the card too
        await hall.WaitForScreenAsync("services");
        await hall.Scanner.SendAsync(code);
        var done = await hall.WaitForScreenAsync("ticket");
        var receipt = await hall.WaitForReceiptAsync(next);

        var number = done.GetProperty("view").GetProperty("ticket").GetProperty("number").GetString()!;
        var onServer = await hall.ServerTicketAsync(number);
        Assert.Equal("appointment", onServer.GetProperty("priority").GetString());
        KioskHall.AssertTrackingQr(onServer, QrCodes.DecodePng(receipt));

        // The same code again: used.
        await hall.BackToStartAsync();
        await hall.Scanner.SendAsync(code);
        var again = await hall.WaitForScreenAsync("message");
        Assert.Equal("appointment-used", again.GetProperty("view").GetProperty("messageCode").GetString());
    }

    [Theory]
    [InlineData("HC1:green:a1b2c3d4", "services", null)]
    [InlineData("HC1:yellow:a1b2c3d4", "message", "pass-refused")]
    [InlineData("not a code we know ✓", "message", "unknown-code")]
    public async Task A_pass_code_is_checked_against_the_policy(string code, string screen, string? message)
    {
        await hall.BackToStartAsync();

        await hall.Scanner.SendAsync(code);
        var state = await hall.WaitForScreenAsync(screen);

        Assert.Equal(message, state.GetProperty("view").GetProperty("messageCode").GetString());
    }

    [Fact]
    public async Task Paper_out_before_a_ticket_means_no_number_is_asked_for()
    {
        await hall.BackToStartAsync();
        using var server = new HttpClient { BaseAddress = hall.Server.BaseUri };
        var before = (await server.GetFromJsonAsync<JsonElement>("/api/halls/xinqiao/queues")).EnumerateArray().Sum(q => q.GetProperty("waiting").GetInt32());
        await hall.Printer.SendAsync("paper out");
        await hall.Printer.WaitForLineAsync(l => l.Contains("paper Out", StringComparison.Ordinal));

        try
        {
            await hall.ChooseAsync("consultation");
            var state = await hall.WaitForScreenAsync("message");

            Assert.Equal("printer-paper-out", state.GetProperty("view").GetProperty("messageCode").GetString());
            var after = (await server.GetFromJsonAsync<JsonElement>("/api/halls/xinqiao/queues")).EnumerateArray().Sum(q => q.GetProperty("waiting").GetInt32());
            Assert.Equal(before, after);
        }
        finally
        {
            await hall.Printer.SendAsync("paper ok");
        }
    }

    [Fact]
    public async Task Paper_running_out_during_the_print_voids_the_ticket_so_it_is_never_called()
    {
        await hall.BackToStartAsync();
        await hall.Printer.SendAsync("paper runs-out");

        try
        {
            await hall.ChooseAsync("consultation");
            var state = await hall.WaitForScreenAsync("message");

            Assert.Equal("print-failed", state.GetProperty("view").GetProperty("messageCode").GetString());
            var number = state.GetProperty("view").GetProperty("ticket").GetProperty("number").GetString()!;
            var onServer = await hall.ServerTicketAsync(number);
            Assert.Equal("voided", onServer.GetProperty("status").GetString());

            // The hall manager reprints it at the guide desk: the citizen keeps the number and the place.
            using var console = await StaffSessions.SignInAsync(hall.Server.BaseUri, StaffSessions.Manager);
            var reprinted = await console.PostAsync(new Uri($"/api/halls/xinqiao/tickets/{number}/reprint", UriKind.Relative), null);
            Assert.True(reprinted.IsSuccessStatusCode);
            Assert.Equal("waiting", (await hall.ServerTicketAsync(number)).GetProperty("status").GetString());
        }
        finally
        {
            await hall.Printer.SendAsync("paper ok");
        }
    }

    [Fact]
    public async Task The_kiosk_publishes_its_printer_health_as_retained_device_status()
    {
        await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(hall.Server.MqttPort, Sample.Display);
        var inbox = new Inbox();
        await display.SubscribeAsync("hall/xinqiao/devices/kiosk-01/status", inbox.Handler);

        await hall.Printer.SendAsync("paper near-end");
        try
        {
            var low = await inbox.WaitForAsync(m => Inbox.Json(m).GetProperty("health").GetString() == "paper-low", TimeSpan.FromSeconds(15));
            Assert.True(Inbox.Json(low).GetProperty("online").GetBoolean());
        }
        finally
        {
            await hall.Printer.SendAsync("paper ok");
        }

        await inbox.WaitForAsync(m => Inbox.Json(m).GetProperty("health").GetString() == "ok", TimeSpan.FromSeconds(15));
    }
}

[CollectionDefinition("kiosk hall")]
public class KioskHallCollection : ICollectionFixture<KioskHall>;
