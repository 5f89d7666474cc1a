using System.Diagnostics;

namespace HallDevices.Devices.Tests.Support;

/// <summary>
/// A connected pair of pseudo-terminals made by socat, linked into a private temp directory.
/// Dispose kills that socat process (by its own handle) and deletes the directory.
/// </summary>
public sealed class PtyPair : IDisposable
{
    private Process _socat;

    private PtyPair(Process socat, string directory)
    {
        _socat = socat;
        Directory = directory;
        PathA = System.IO.Path.Combine(directory, "a");
        PathB = System.IO.Path.Combine(directory, "b");
    }

    public string Directory { get; }
    public string PathA { get; }
    public string PathB { get; }

    public static PtyPair Create()
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("halldev-pty-").FullName;
        var pair = new PtyPair(StartSocat(dir), dir);
        pair.WaitForLinks();
        return pair;
    }

    /// <summary>Starts a fresh socat on the same link paths: the device "plugged back in".</summary>
    public void Restart()
    {
        KillSocat();
        _socat.Dispose();
        _socat = StartSocat(Directory);
        WaitForLinks();
    }

    private static Process StartSocat(string dir)
    {
        var psi = new ProcessStartInfo("socat")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "-d", "-d", $"pty,raw,echo=0,link={dir}/a", $"pty,raw,echo=0,link={dir}/b" })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("socat did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private void WaitForLinks()
    {
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(PathA) && File.Exists(PathB)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(5) || _socat.HasExited)
            {
                Dispose();
                throw new InvalidOperationException("socat did not create the pty pair");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Kills socat: both ends see the peer vanish, like an unplugged USB adapter.</summary>
    public void KillSocat()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit(5000);
        }

        // SIGKILL leaves socat no chance to remove its links; a stale link could point at a pty
        // number the next socat reuses for the other end. An unplugged adapter's node vanishes too.
        File.Delete(PathA);
        File.Delete(PathB);
    }

    public void Dispose()
    {
        KillSocat();
        _socat.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
