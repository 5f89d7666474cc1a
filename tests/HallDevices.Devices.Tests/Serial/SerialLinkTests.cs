using System.Collections.Concurrent;
using System.Text;
using HallDevices.Devices.Serial;
using HallDevices.Devices.Tests.Support;

namespace HallDevices.Devices.Tests.Serial;

public class SerialLinkTests
{
    private static async Task WaitFor(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    private static async Task<string> Received(ConcurrentQueue<byte> queue, string expected)
    {
        await WaitFor(() => queue.Count >= expected.Length, $"'{expected}'");
        var bytes = new List<byte>();
        while (bytes.Count < expected.Length && queue.TryDequeue(out byte b))
        {
            bytes.Add(b);
        }

        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    private static Func<Stream, CancellationToken, Task> ReadInto(ConcurrentQueue<byte> queue) => async (stream, ct) =>
    {
        var buffer = new byte[256];
        while (true)
        {
            int n = await stream.ReadAsync(buffer, ct);
            if (n == 0)
            {
                throw new EndOfStreamException("peer closed");
            }

            foreach (byte b in buffer.AsSpan(0, n))
            {
                queue.Enqueue(b);
            }
        }
    };

    [Fact]
    public async Task Unplugging_the_device_reports_a_disconnect_and_replugging_reopens_the_port()
    {
        using var pty = VirtualSerialPair.Create();
        var link = new SerialLink(new SerialLinkOptions { PortName = pty.HostPath, ReconnectInterval = TimeSpan.FromMilliseconds(100) });
        var states = new ConcurrentQueue<SerialLinkState>();
        link.StateChanged += (_, e) => states.Enqueue(e.State);
        var received = new ConcurrentQueue<byte>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = link.RunAsync(ReadInto(received), cts.Token);

        await WaitFor(() => link.State == SerialLinkState.Connected, "first connect");
        using (var device = SerialHelpers.Open(pty.DevicePath))
        {
            device.BaseStream.Write("hello"u8);
            Assert.Equal("hello", await Received(received, "hello"));
        }

        pty.Unplug();
        await WaitFor(() => link.State == SerialLinkState.Disconnected, "disconnect after unplug");

        pty.Replug();
        await WaitFor(() => link.State == SerialLinkState.Connected, "reconnect after replug");
        using (var device = SerialHelpers.Open(pty.DevicePath))
        {
            device.BaseStream.Write("again"u8);
            Assert.Equal("again", await Received(received, "again"));
        }

        Assert.Equal([SerialLinkState.Connected, SerialLinkState.Disconnected, SerialLinkState.Connected], states.ToArray());
        cts.Cancel();
        await run;
        Assert.Equal(SerialLinkState.Disconnected, link.State);
    }

    [Fact]
    public async Task A_port_that_does_not_exist_yet_stays_disconnected_until_it_appears()
    {
        string dir = Directory.CreateTempSubdirectory("halldev-missing-").FullName;
        try
        {
            var link = new SerialLink(new SerialLinkOptions { PortName = Path.Combine(dir, "nothing"), ReconnectInterval = TimeSpan.FromMilliseconds(50) });
            int changes = 0;
            link.StateChanged += (_, _) => changes++;
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
            await link.RunAsync((_, _) => Task.CompletedTask, cts.Token);
            Assert.Equal(0, changes);
            Assert.Equal(SerialLinkState.Disconnected, link.State);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_write_to_a_vanished_peer_counts_as_a_disconnect()
    {
        using var pty = VirtualSerialPair.Create();
        var link = new SerialLink(new SerialLinkOptions { PortName = pty.HostPath, ReconnectInterval = TimeSpan.FromSeconds(30) });
        string? reason = null;
        link.StateChanged += (_, e) => reason = e.State == SerialLinkState.Disconnected ? e.Reason : reason;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var killed = new TaskCompletionSource();
        var run = link.RunAsync(async (stream, ct) =>
        {
            await killed.Task;
            for (int i = 0; i < 200; i++)
            {
                await stream.WriteAsync(new byte[64], ct);
                await Task.Delay(10, ct);
            }
        }, cts.Token);
        await WaitFor(() => link.State == SerialLinkState.Connected, "connect");
        pty.Unplug();
        killed.SetResult();
        await WaitFor(() => link.State == SerialLinkState.Disconnected, "disconnect after failed write");
        Assert.NotNull(reason);
        cts.Cancel();
        await run;
    }

    [Fact]
    public void An_empty_port_name_is_rejected_up_front()
    {
        Assert.Throws<ArgumentException>(() => new SerialLink(new SerialLinkOptions()));
    }
}
