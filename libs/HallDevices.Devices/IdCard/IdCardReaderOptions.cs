namespace HallDevices.Devices.IdCard;

/// <summary>Settings for <see cref="IdCardReader"/>.</summary>
public sealed class IdCardReaderOptions
{
    /// <summary>How long to wait for a reply to one command (the read reply is ~1.3 kB: 115 ms at 115200 baud).</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause between two find-card polls.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Consecutive failed finds after which the card counts as removed. More than one, because a
    /// card held at an angle can miss a single find and must not be reported twice.
    /// </summary>
    public int RemovalMisses { get; set; } = 2;
}
