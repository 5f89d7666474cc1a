using System.ComponentModel.DataAnnotations;

namespace HallDevices.Hosting;

/// <summary>
/// Configuration section <c>Clock</c>: the hall's clock, read the same way by every app of the hall
/// (queue-server, display). Real time by default; the simulated-hall demo runs a morning in two
/// minutes with <c>Clock:Speed=30</c>, <c>Clock:Start</c> and a shared <c>Clock:Origin</c>.
/// </summary>
public sealed class ClockOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Clock";

    /// <summary>Simulated seconds per real second (1 = real time).</summary>
    [Range(1, 3600)]
    public double Speed { get; set; } = 1;

    /// <summary>Hall time at <see cref="Origin"/> (ISO-8601 with offset); none: real time at the origin.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>
    /// The real instant at which the hall clock read <see cref="Start"/> (ISO-8601 with offset);
    /// none: when the app starts. Apps started one after another agree on hall time only when they
    /// are given the same origin — otherwise each one's accelerated clock starts afresh at its own start-up.
    /// </summary>
    public DateTimeOffset? Origin { get; set; }
}
