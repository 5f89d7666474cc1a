namespace HallDevices.Hosting.Processes;

/// <summary>
/// What <see cref="ChildProcess.Start"/> runs: program, arguments, environment, and how much of its
/// output is kept for waits and failure messages.
/// </summary>
public sealed class ChildProcessStartInfo
{
    /// <summary>Runs <paramref name="fileName"/> (looked up on PATH when not a path).</summary>
    public ChildProcessStartInfo(string fileName, params IEnumerable<string> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        FileName = fileName;
        Name = Path.GetFileName(fileName);
        foreach (var a in arguments)
        {
            Arguments.Add(a);
        }
    }

    /// <summary>The program.</summary>
    public string FileName { get; }

    /// <summary>How messages name the child (queue-server, kiosk-01...); the program's file name unless set.</summary>
    public string Name { get; set; }

    /// <summary>Arguments, passed one by one (no shell quoting).</summary>
    public IList<string> Arguments { get; } = [];

    /// <summary>Variables added to (or, with a null value, removed from) the inherited environment.</summary>
    public IDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Working directory; the parent's when null.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Whether <see cref="ChildProcess.WriteLineAsync"/> may write to the child's stdin.</summary>
    public bool RedirectStandardInput { get; set; }

    /// <summary>
    /// How many of the latest output lines are kept (a ring); null keeps every line, for callers that
    /// save or search the whole log.
    /// </summary>
    public int? KeepLines { get; set; } = 1000;

    /// <summary>How many of the kept lines a failure message shows; null shows all kept.</summary>
    public int? MessageLines { get; set; } = 60;

    /// <summary>Put before each stderr line as it is kept (stdout and stderr share one ring in arrival order).</summary>
    public string ErrorLinePrefix { get; set; } = string.Empty;

    /// <summary>
    /// A .NET app of this solution: <c>dotnet <paramref name="dll"/></c>, run in the dll's folder
    /// (where its appsettings.json and relative data paths are).
    /// </summary>
    public static ChildProcessStartInfo DotnetApp(string dll, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dll);
        return new ChildProcessStartInfo("dotnet", dll)
        {
            Name = name ?? Path.GetFileNameWithoutExtension(dll),
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll)),
        };
    }

    /// <summary>
    /// Sets a configuration key (<c>Mqtt:Port</c>) as the environment variable .NET configuration
    /// binds it from (<c>Mqtt__Port</c>).
    /// </summary>
    public ChildProcessStartInfo Configure(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return this;
    }

    /// <summary>Sets every key of <paramref name="settings"/> as <see cref="Configure(string, string)"/> does.</summary>
    public ChildProcessStartInfo Configure(IEnumerable<KeyValuePair<string, string>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (key, value) in settings)
        {
            Configure(key, value);
        }

        return this;
    }
}
