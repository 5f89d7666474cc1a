using System.Collections.Concurrent;
using HallDevices.Hosting.Processes;

namespace HallDevices.LoadGen;

/// <summary>
/// Every child process and temp folder this run created, so they go away on a normal end, on an
/// exception, on Ctrl+C and on SIGTERM (<see cref="AppDomain.ProcessExit"/>). Only what was
/// registered here is ever killed or deleted.
/// </summary>
internal static class Cleanup
{
    private static readonly ConcurrentDictionary<ChildProcess, byte> Processes = new();
    private static readonly ConcurrentDictionary<string, byte> Folders = new(StringComparer.Ordinal);

    public static void Track(ChildProcess process) => Processes[process] = 0;

    public static void Forget(ChildProcess process) => Processes.TryRemove(process, out _);

    /// <summary>Creates a fresh folder under the temp directory and tracks it.</summary>
    public static string NewTempFolder(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"halldevices-loadgen-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        Folders[path] = 0;
        return path;
    }

    /// <summary>Kills one tracked process (and its children) and waits for it, at most 5 s.</summary>
    public static void Kill(ChildProcess process)
    {
        process.Kill();
        Forget(process);
    }

    public static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A killed child may still hold a file for a moment; the OS temp cleaner gets it later.
        }
        catch (UnauthorizedAccessException)
        {
        }

        Folders.TryRemove(path, out _);
    }

    /// <summary>Kills every tracked process and deletes every tracked folder.</summary>
    public static void All()
    {
        foreach (var process in Processes.Keys)
        {
            Kill(process);
        }

        foreach (var folder in Folders.Keys)
        {
            DeleteFolder(folder);
        }
    }
}
