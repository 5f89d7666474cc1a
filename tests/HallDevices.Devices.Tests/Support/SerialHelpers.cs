using System.IO.Ports;

namespace HallDevices.Devices.Tests.Support;

public static class SerialHelpers
{
    /// <summary>Opens a pty end as a serial port, without DTR/RTS (they throw on a pty).</summary>
    public static SerialPort Open(string path, int baud = 115200)
    {
        var port = new SerialPort(path, baud, Parity.None, 8, StopBits.One);
        port.Open();
        return port;
    }

    /// <summary>Pumps bytes from a port into a responder and writes back what it answers, until cancelled.</summary>
    public static Task Serve(SerialPort port, Func<byte[], IEnumerable<byte[]>> responder, CancellationToken ct) => Task.Run(async () =>
    {
        var buffer = new byte[4096];
        var stream = port.BaseStream;
        while (!ct.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await stream.ReadAsync(buffer, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                foreach (byte[] reply in responder(buffer[..n]))
                {
                    await stream.WriteAsync(reply, ct);
                }
            }
            catch (OperationCanceledException)
            {
                // The test ended while the last reply was still being written: it was received already.
                return;
            }
        }
    }, CancellationToken.None);
}
