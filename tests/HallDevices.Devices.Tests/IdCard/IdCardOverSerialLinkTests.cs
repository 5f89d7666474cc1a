using System.Collections.Concurrent;
using HallDevices.Devices.IdCard;
using HallDevices.Devices.Serial;
using HallDevices.Devices.Tests.Support;

namespace HallDevices.Devices.Tests.IdCard;

public class IdCardOverSerialLinkTests
{
    [Fact]
    public async Task The_reader_on_a_serial_link_reads_a_card_again_after_the_reader_is_unplugged_and_replugged()
    {
        using var pty = VirtualSerialPair.Create();
        var emulator = new IdCardReaderEmulator();
        emulator.PlaceCard(SyntheticIdCards.Create(21));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var link = new SerialLink(new SerialLinkOptions { PortName = pty.HostPath, ReconnectInterval = TimeSpan.FromMilliseconds(100) });
        var states = new ConcurrentQueue<SerialLinkState>();
        link.StateChanged += (_, e) => states.Enqueue(e.State);
        var cards = new ConcurrentQueue<string>();
        var run = link.RunAsync(async (stream, ct) =>
        {
            using var reader = new IdCardReader(stream, options: new IdCardReaderOptions { PollInterval = TimeSpan.FromMilliseconds(50), ReplyTimeout = TimeSpan.FromMilliseconds(500) });
            reader.CardPresented += (_, e) => cards.Enqueue(e.Card.Text.IdNumber);
            await reader.RunAsync(ct);
        }, cts.Token);

        async Task ServeUntil(Func<bool> done)
        {
            using var device = SerialHelpers.Open(pty.DevicePath);
            using var serveCts = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
            var serve = SerialHelpers.Serve(device, b => { lock (emulator) { return emulator.Feed(b); } }, serveCts.Token);
            while (!done())
            {
                await Task.Delay(20, cts.Token);
            }

            serveCts.Cancel();
            await serve;
        }

        await ServeUntil(() => cards.Count == 1);
        pty.Unplug();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (link.State != SerialLinkState.Disconnected && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.Equal(SerialLinkState.Disconnected, link.State);
        pty.Replug();
        await ServeUntil(() => cards.Count == 2);
        cts.Cancel();
        await run;
        Assert.All(cards, id => Assert.Equal(SyntheticIdCards.Create(21).Text.IdNumber, id));
        Assert.Equal([SerialLinkState.Connected, SerialLinkState.Disconnected, SerialLinkState.Connected, SerialLinkState.Disconnected], states.ToArray());
    }
}
