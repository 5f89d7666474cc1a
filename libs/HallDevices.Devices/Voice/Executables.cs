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
}
