using HallDevices.Devices.IdCard;
using HallDevices.Devices.Serial;
using HallDevices.Devices.Tests.Support;

namespace HallDevices.Devices.Tests.IdCard;

public class IdCardPtyTests
{
    [Fact]
    public async Task Driver_reads_a_synthetic_card_from_the_emulator_over_a_real_pty_pair()
    {
        using var pty = VirtualSerialPair.Create();
        using var host = SerialHelpers.Open(pty.HostPath);
        using var device = SerialHelpers.Open(pty.DevicePath);
        var emulator = new IdCardReaderEmulator();
        var card = SyntheticIdCards.Create(11);
        emulator.PlaceCard(card);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var serve = SerialHelpers.Serve(device, bytes => { lock (emulator) { return emulator.Feed(bytes); } }, cts.Token);

        using var reader = new IdCardReader(host.BaseStream, options: new IdCardReaderOptions { ReplyTimeout = TimeSpan.FromSeconds(3) });
        var events = new List<IdCardPresentedEventArgs>();
        reader.CardPresented += (_, e) => events.Add(e);
        for (int i = 0; i < 3; i++)
        {
            await reader.PollOnceAsync(cts.Token);
        }

        Assert.Single(events);
        Assert.Equal(card.Text, events[0].Card.Text);
        Assert.Equal(card.Photo, events[0].Card.Photo);
        cts.Cancel();
        await serve;
    }
}
