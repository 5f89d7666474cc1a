using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.Kiosk.Tests.EndToEnd;

/// <summary>A kiosk with a text-mode printer and a short idle timeout, whose server the tests stop and start.</summary>
public sealed class TextPrinterHall : KioskHall
{
    protected override IReadOnlyDictionary<string, string> KioskSettings => new Dictionary<string, string>
    {
        ["Kiosk:Printer:Raster"] = "false",
        ["Kiosk:IdleTimeoutSeconds"] = "5",
    };
}

[Collection("text printer hall")]
public class KioskResilienceTests(TextPrinterHall hall)
{
    [Fact]
    public async Task A_printer_without_raster_prints_text_and_a_native_qr_that_still_decodes_to_the_tracking_page()
    {
        await hall.BackToStartAsync();
        var next = hall.ReceiptCount + 1;

        await hall.ChooseAsync("consultation");
        var done = await hall.WaitForScreenAsync("ticket");
        var receipt = await hall.WaitForReceiptAsync(next);

        var number = done.GetProperty("view").GetProperty("ticket").GetProperty("number").GetString()!;
        KioskHall.AssertTrackingQr(await hall.ServerTicketAsync(number), QrCodes.DecodePng(receipt));
    }

    [Fact]
    public async Task An_idle_kiosk_returns_to_the_start_screen_and_forgets_the_citizen()
    {
        await hall.BackToStartAsync();
        await hall.Reader.SendAsync("card 9");
        var known = await hall.WaitForScreenAsync("services");
        Assert.NotNull(known.GetProperty("view").GetProperty("citizenName").GetString());
        await hall.Reader.SendAsync("remove");

        var forgotten = await hall.WaitForScreenAsync("start");

        Assert.Equal(JsonValueKind.Null, forgotten.GetProperty("view").GetProperty("citizenName").ValueKind);
        Assert.Equal(JsonValueKind.Null, forgotten.GetProperty("view").GetProperty("maskedId").ValueKind);
    }

    [Fact]
    public async Task An_open_page_gets_a_handful_of_state_messages_not_one_per_guide_when_the_catalogue_and_127_guides_arrive_again()
    {
        await hall.BackToStartAsync();
        using var http = new HttpClient { BaseAddress = hall.Kiosk.BaseUri, Timeout = Timeout.InfiniteTimeSpan };
        using var events = await http.GetAsync(new Uri("/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var received = new System.Collections.Concurrent.ConcurrentQueue<(DateTime At, bool Connected)>();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            using var lines = new StreamReader(await events.Content.ReadAsStreamAsync(stop.Token));
            while (await lines.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    using var state = JsonDocument.Parse(line["data: ".Length..]);
                    received.Enqueue((DateTime.UtcNow, state.RootElement.GetProperty("connected").GetBoolean()));
                }
            }
        });

        // The server goes and comes back: the kiosk reconnects and reads the retained catalogue, board and every guide again.
        Assert.Equal(0, await hall.Server.StopGracefullyAsync());
        try
        {
            await hall.WaitForStateAsync(s => !s.GetProperty("connected").GetBoolean());

            // The page is told within the 2 s repeat.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!received.Any(m => !m.Connected))
            {
                Assert.True(DateTime.UtcNow < deadline, "the page was never told the server is gone");
                await Task.Delay(50);
            }
        }
        finally
        {
            await hall.Server.StartAgainAsync();
        }

        await hall.WaitForStateAsync(s => s.GetProperty("connected").GetBoolean(), TimeSpan.FromSeconds(40));
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);

        // From the first message after the reconnection: 4 s hold two repeats (every 2 s) and the burst's few.
        var messages = received.ToArray();
        var back = messages.SkipWhile(m => m.Connected).SkipWhile(m => !m.Connected).ToList();
        Assert.NotEmpty(back);
        var burst = back.Count(m => m.At - back[0].At <= TimeSpan.FromSeconds(4));
        Assert.True(burst <= 10, $"{burst} state messages in the 4 s after the kiosk reconnected ({messages.Length} in all)");
    }

    [Fact]
    public async Task With_the_server_down_no_number_is_made_up_and_the_kiosk_recovers_when_it_returns()
    {
        await hall.BackToStartAsync();
        var receipts = hall.ReceiptCount;
        Assert.Equal(0, await hall.Server.StopGracefullyAsync());

        try
        {
            await hall.ChooseAsync("consultation");
            var down = await hall.WaitForScreenAsync("message");
            Assert.Equal("server-unavailable", down.GetProperty("view").GetProperty("messageCode").GetString());
            Assert.Equal(receipts, hall.ReceiptCount);
            await hall.WaitForStateAsync(s => !s.GetProperty("connected").GetBoolean());
        }
        finally
        {
            await hall.Server.StartAgainAsync();
        }

        await hall.WaitForStateAsync(s => s.GetProperty("connected").GetBoolean(), TimeSpan.FromSeconds(40));
        await hall.BackToStartAsync();
        await hall.ChooseAsync("consultation");
        await hall.WaitForScreenAsync("ticket");
        await hall.WaitForReceiptAsync(receipts + 1);
    }
}

[CollectionDefinition("text printer hall")]
public class TextPrinterHallCollection : ICollectionFixture<TextPrinterHall>;
