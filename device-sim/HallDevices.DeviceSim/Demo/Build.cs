namespace HallDevices.DeviceSim.Demo;

/// <summary>Where the solution and its build are, found from device-sim's own location.</summary>
public static class Build
{
    /// <summary>The repository root (the folder holding HallDevices.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration device-sim runs from (bin/{Configuration}/net10.0).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    /// <summary>The hall file the queue-server runs by default, and so the demo's hall.</summary>
    public static string SampleHallFile => Path.Combine(Root, "queue-server", "HallDevices.QueueServer", "halls", "sample-town.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HallDevices.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DemoException("demo", "HallDevices.sln not found above " + AppContext.BaseDirectory);
    }
}
