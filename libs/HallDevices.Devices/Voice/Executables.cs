using System.Diagnostics;

namespace HallDevices.Devices.Voice;

internal static class Executables
{
    /// <summary>Full path of a program on PATH (or an absolute path that exists), else null.</summary>
    public static string? Find(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Stops a child when its caller gives up on it: without this a cancelled utterance keeps
    /// playing through the speaker (or espeak-ng keeps running) after the caller moved on.
    /// </summary>
    public static CancellationTokenRegistration KillOnCancel(Process process, CancellationToken cancellationToken) =>
        cancellationToken.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already exited.
            }
        });
}
