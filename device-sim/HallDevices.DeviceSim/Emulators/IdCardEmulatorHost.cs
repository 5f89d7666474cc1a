using System.Globalization;
using HallDevices.Devices.IdCard;

namespace HallDevices.DeviceSim.Emulators;

/// <summary>
/// A resident ID-card reader on a serial line: answers the host's SAM frames from
/// <see cref="IdCardReaderEmulator"/> with synthetic cards (never real people). Commands on stdin:
/// <c>place</c>, <c>remove</c>, <c>card N</c> (place synthetic card N).
/// </summary>
public sealed class IdCardEmulatorHost(Stream wire, TextWriter output)
{
    private readonly IdCardReaderEmulator _reader = new();
    private readonly Lock _gate = new();
    private int _cardNumber = 1;

    /// <summary>Puts synthetic card <paramref name="n"/> on the reader.</summary>
    public void Place(int n)
    {
        lock (_gate)
        {
            _cardNumber = n;
            _reader.PlaceCard(SyntheticIdCards.Create(n));
        }

        output.WriteLine($"card {n} placed ({IdNumberValidator.Mask(SyntheticIdCards.Create(n).Text.IdNumber)})");
    }

    /// <summary>Takes the card away.</summary>
    public void Remove()
    {
        lock (_gate)
        {
            _reader.RemoveCard();
        }

        output.WriteLine("card removed");
    }

    /// <summary>Handles one stdin command; false when it is not one.</summary>
    public bool Command(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case ["place"]:
                Place(_cardNumber);
                return true;
            case ["remove"]:
                Remove();
                return true;
            case ["card", var n] when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1:
                Place(k);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Answers frames until the wire closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        while (!cancellationToken.IsCancellationRequested)
        {
            var n = await wire.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                return;
            }

            IReadOnlyList<byte[]> replies;
            lock (_gate)
            {
                replies = _reader.Feed(buffer.AsSpan(0, n));
            }

            foreach (var reply in replies)
            {
                await wire.WriteAsync(reply, cancellationToken);
            }

            await wire.FlushAsync(cancellationToken);
        }
    }
}
