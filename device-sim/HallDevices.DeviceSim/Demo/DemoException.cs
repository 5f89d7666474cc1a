namespace HallDevices.DeviceSim.Demo;

/// <summary>A part of the demo failed; <see cref="Part"/> says which.</summary>
public sealed class DemoException(string part, string message) : Exception($"{part}: {message}")
{
    /// <summary>The failing part (queue-server, kiosk-01, display, script...).</summary>
    public string Part { get; } = part;
}
