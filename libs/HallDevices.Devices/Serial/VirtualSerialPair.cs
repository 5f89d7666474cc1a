using System.Diagnostics;

namespace HallDevices.Devices.Serial;

/// <summary>
/// Two connected pseudo-terminals made by <c>socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B</c>,
/// linked into a private temp folder: a null-modem cable in software. The host opens
/// <see cref="HostPath"/> as if it were <c>/dev/ttyUSB0</c>; an emulator opens <see cref="DevicePath"/>.
/// <see cref="Unplug"/> and <see cref="Replug"/> act out a USB-serial adapter pulled and put back.
/// Dispose kills this socat (by its own handle, nobody else's) and removes the folder. The device
/// end of <see cref="SerialLink"/>'s tests and of device-sim's emulators, so neither needs the other.
/// </summary>
public sealed class VirtualSerialPair : IDisposable
{
    private static readonly TimeSpan LinkTimeout = TimeSpan.FromSeconds(5);
    private readonly TimeProvider _time;
    private Process _socat;

    private VirtualSerialPair(Process socat, string folder, TimeProvider time)
    {
        _socat = socat;
        Folder = folder;
        _time = time;
    }

    /// <summary>The private folder holding both links.</summary>
    public string Folder { get; }

    /// <summary>The end the application under test opens.</summary>
    public string HostPath => Path.Combine(Folder, "host");

    /// <summary>The end the emulator opens.</summary>
    public string DevicePath => Path.Combine(Folder, "device");

    /// <summary>True while socat runs (false after <see cref="Unplug"/>).</summary>
    public bool IsConnected => !_socat.HasExited;

    /// <summary>Creates a pair; fails clearly when socat is not installed.</summary>
    public static VirtualSerialPair Create(string? name = null, TimeProvider? time = null)
    {
        var folder = Directory.CreateTempSubdirectory($"halldevices-{name ?? "pty"}-").FullName;
        try
        {
            var pair = new VirtualSerialPair(StartSocat(folder), folder, time ?? TimeProvider.System);
            pair.WaitForLinks();
            return pair;
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Kills socat: both ends lose their peer, like pulling a USB-serial adapter.</summary>
    public void Unplug()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit(5000);
        }

        // SIGKILL leaves socat no chance to remove its links; a stale link could point at a pty
        // number the next socat reuses for the other end. An unplugged adapter's node vanishes too.
        File.Delete(HostPath);
        File.Delete(DevicePath);
    }

    /// <summary>A fresh socat on the same link paths: the adapter plugged back in.</summary>
    public void Replug()
    {
        Unplug();
        _socat.Dispose();
        _socat = StartSocat(Folder);
        WaitForLinks();
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

    private static Process StartSocat(string folder)
    {
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
            throw new InvalidOperationException("socat is not installed (Debian: apt-get install socat); it makes the virtual serial ports", e);
        }

        // socat -d -d reports on stderr; keep draining it so it never blocks on a full pipe.
        socat.ErrorDataReceived += (_, _) => { };
        socat.OutputDataReceived += (_, _) => { };
        socat.BeginErrorReadLine();
        socat.BeginOutputReadLine();
        return socat;
    }

    private void WaitForLinks()
    {
        var started = _time.GetTimestamp();
        while (!(File.Exists(HostPath) && File.Exists(DevicePath)))
        {
            if (_time.GetElapsedTime(started) > LinkTimeout || _socat.HasExited)
            {
                throw new InvalidOperationException("socat did not create the pty pair within 5 s");
            }

            Thread.Sleep(10);
        }
    }
}
