using System.Diagnostics;

namespace HallDevices.DeviceSim.Pty;

/// <summary>
/// Two connected pseudo-terminals made by <c>socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B</c>,
/// linked into a private temp folder: a null-modem cable in software. The host opens
/// <see cref="HostPath"/> as if it were <c>/dev/ttyUSB0</c>; an emulator opens <see cref="DevicePath"/>.
/// Dispose kills this socat (by its own handle, nobody else's) and removes the folder.
/// </summary>
public sealed class VirtualSerialPair : IDisposable
{
    private readonly Process _socat;

    private VirtualSerialPair(Process socat, string folder)
    {
        _socat = socat;
        Folder = folder;
        HostPath = Path.Combine(folder, "host");
        DevicePath = Path.Combine(folder, "device");
    }

    /// <summary>The private folder holding both links.</summary>
    public string Folder { get; }

    /// <summary>The end the application under test opens.</summary>
    public string HostPath { get; }

    /// <summary>The end the emulator opens.</summary>
    public string DevicePath { get; }

    /// <summary>True while socat runs (false after <see cref="Unplug"/>).</summary>
    public bool IsConnected => !_socat.HasExited;

    /// <summary>Creates a pair; fails clearly when socat is not installed.</summary>
    public static VirtualSerialPair Create(string? name = null)
    {
        var folder = Directory.CreateTempSubdirectory($"halldevices-{name ?? "pty"}-").FullName;
        var psi = new ProcessStartInfo("socat")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-d");
        psi.ArgumentList.Add("-d");
        psi.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(folder, "host")}");
        psi.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(folder, "device")}");
        Process socat;
        try
        {
            socat = Process.Start(psi) ?? throw new InvalidOperationException("socat did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Directory.Delete(folder, recursive: true);
            throw new InvalidOperationException("socat is not installed (Debian: apt-get install socat); it makes the virtual serial ports", e);
        }

        // socat -d -d reports on stderr; keep draining it so it never blocks on a full pipe.
        socat.ErrorDataReceived += (_, _) => { };
        socat.OutputDataReceived += (_, _) => { };
        socat.BeginErrorReadLine();
        socat.BeginOutputReadLine();
        var pair = new VirtualSerialPair(socat, folder);
        var deadline = Stopwatch.StartNew();
        while (!(File.Exists(pair.HostPath) && File.Exists(pair.DevicePath)))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(5) || socat.HasExited)
            {
                pair.Dispose();
                throw new InvalidOperationException("socat did not create the pty pair within 5 s");
            }

            Thread.Sleep(10);
        }

        return pair;
    }

    /// <summary>Kills socat: both ends lose their peer, like pulling a USB-serial adapter.</summary>
    public void Unplug()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit(5000);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Unplug();
        _socat.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Already gone or still held open by a process that is exiting: nothing to keep.
        }
    }
}
