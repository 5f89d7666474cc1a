using System.Text.Json;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// What the demo needs of the hall file the queue-server runs: the hall's id (every topic and HTTP
/// path), its time zone (the morning starts at 08:30 there) and its windows, in the file's order.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Id">Hall id.</param>
/// <param name="TimeZone">The hall's time zone.</param>
/// <param name="Counters">Counter (window) ids.</param>
public sealed record HallFile(string Path, string Id, TimeZoneInfo TimeZone, IReadOnlyList<string> Counters)
{
    /// <summary>Reads <paramref name="path"/>; fails naming it when a field is missing.</summary>
    public static HallFile Load(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            return new HallFile(
                path,
                root.GetProperty("id").GetString()!,
                TimeZoneInfo.FindSystemTimeZoneById(root.GetProperty("timeZone").GetString()!),
                [.. root.GetProperty("counters").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)]);
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or TimeZoneNotFoundException)
        {
            throw new DemoException("demo", $"hall file {path}: {e.Message}");
        }
    }
}
