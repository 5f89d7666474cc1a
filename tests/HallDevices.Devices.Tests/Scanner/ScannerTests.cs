using System.Text;
using CsCheck;
using HallDevices.Devices.Scanner;
using HallDevices.Devices.Serial;
using HallDevices.Devices.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Devices.Tests.Scanner;

public class ScannerTests
{
    private static readonly ScannerFraming Cr = new();
    private static readonly ScannerFraming CrLfWithPrefix = new() { Prefix = "]Q", Suffix = ScannerSuffix.CrLf, MaxLength = 16 };

    [Fact]
    public void Two_codes_in_one_read_become_two_lines()
    {
        var d = new ScannerLineDecoder(Cr);
        Assert.Equal(["YY2024A", "http://x/预约"], d.Feed(Encoding.UTF8.GetBytes("YY2024A\rhttp://x/预约\r")));
    }

    [Fact]
    public void A_code_split_over_reads_is_joined_and_the_prefix_and_crlf_are_stripped()
    {
        var d = new ScannerLineDecoder(CrLfWithPrefix);
        Assert.Empty(d.Feed(Hex.Bytes("5D 51 41 42")));
        Assert.Empty(d.Feed(Hex.Bytes("43 0D")));
        Assert.Equal(["ABC"], d.Feed(Hex.Bytes("0A")));
    }

    [Fact]
    public void The_emulator_encoding_matches_prefix_data_suffix()
    {
        Assert.Equal("5D51414243 0D0A".Replace(" ", ""), Hex.Of(CrLfWithPrefix.Encode("ABC")));
        Assert.Equal("31320D", Hex.Of(Cr.Encode("12")));
    }

    [Fact]
    public void A_cr_configured_decoder_tolerates_a_scanner_that_sends_crlf()
    {
        var d = new ScannerLineDecoder(Cr);
        Assert.Equal(["A", "B"], d.Feed(Encoding.ASCII.GetBytes("A\r\nB\r\n")));
        Assert.Empty(d.Rejected);
    }

    [Fact]
    public void An_over_long_line_is_dropped_and_reported_and_the_next_line_still_reads()
    {
        var d = new ScannerLineDecoder(CrLfWithPrefix);
        var codes = d.Feed(Encoding.ASCII.GetBytes(new string('9', 40) + "\r\nOK\r\n"));
        Assert.Equal(["OK"], codes);
        var r = Assert.Single(d.TakeRejected());
        Assert.Equal(ScannerRejection.TooLong, r.Reason);
        Assert.Empty(d.Rejected);
    }

    [Fact]
    public void A_line_of_binary_garbage_is_dropped_and_reported()
    {
        var d = new ScannerLineDecoder(Cr);
        var codes = d.Feed(Hex.Concat(Hex.Bytes("01 02 FF FE 0D"), Hex.Bytes("41 07 42 0D"), Encoding.ASCII.GetBytes("GOOD\r")));
        Assert.Equal(["GOOD"], codes);
        Assert.Equal([ScannerRejection.Binary, ScannerRejection.Binary], d.Rejected.Select(r => r.Reason));
    }

    [Fact]
    public void Empty_lines_are_ignored_silently()
    {
        var d = new ScannerLineDecoder(Cr);
        Assert.Empty(d.Feed(Hex.Bytes("0D 0D 0D")));
        Assert.Empty(d.Rejected);
    }

    [Fact]
    public void Fuzz_random_bytes_never_throw_and_every_code_is_bounded_and_free_of_control_characters()
    {
        Gen.Byte.Array[0, 2000].Select(Gen.Int[1, 64], Gen.Bool).Sample((bytes, chunk, crlf) =>
        {
            var framing = crlf ? CrLfWithPrefix : Cr with { MaxLength = 32 };
            var d = new ScannerLineDecoder(framing);
            for (int i = 0; i < bytes.Length; i += chunk)
            {
                foreach (string code in d.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i))))
                {
                    Assert.True(Encoding.UTF8.GetByteCount(code) <= framing.MaxLength);
                    Assert.DoesNotContain(code, char.IsControl);
                }
            }
        }, iter: 3000);
    }

    [Fact]
    public async Task Driver_drops_a_line_that_stops_mid_way_after_the_line_timeout()
    {
        var time = new FakeTimeProvider();
        var stream = new LoopbackStream(_ => []);
        var scanner = new BarcodeScanner(stream, Cr, time);
        await using var e = scanner.ReadCodesAsync().GetAsyncEnumerator();
        stream.Inject(Encoding.ASCII.GetBytes("HALF"));
        var next = e.MoveNextAsync().AsTask();
        await Task.Delay(50);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await Task.Delay(50);
        stream.Inject(Encoding.ASCII.GetBytes("WHOLE\r"));
        Assert.True(await next);
        Assert.Equal("WHOLE", e.Current.Code);
        Assert.Equal(time.GetUtcNow(), e.Current.ScannedAt);
    }

    [Fact]
    public async Task Driver_reads_codes_from_the_emulator_side_over_a_real_pty_pair()
    {
        using var pty = VirtualSerialPair.Create();
        using var host = SerialHelpers.Open(pty.HostPath, 9600);
        using var device = SerialHelpers.Open(pty.DevicePath, 9600);
        var framing = new ScannerFraming { Prefix = "]Q", Suffix = ScannerSuffix.CrLf };
        var scanner = new BarcodeScanner(host.BaseStream, framing);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var codes = new List<string>();
        var reading = Task.Run(async () =>
        {
            await foreach (var c in scanner.ReadCodesAsync(cts.Token))
            {
                codes.Add(c.Code);
                if (codes.Count == 3)
                {
                    return;
                }
            }
        });
        string[] sent = ["YY20261127-0001", "https://hall.example/p/亮码", "6901234567892"];
        foreach (string s in sent)
        {
            device.BaseStream.Write(framing.Encode(s));
            device.BaseStream.Write(Hex.Bytes("00 01 02 0D 0A"));  // garbage between scans
        }

        await reading;
        Assert.Equal(sent, codes);
    }
}
