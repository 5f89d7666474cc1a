using System.Threading.Channels;
using HallDevices.Queueing.Engine;

namespace HallDevices.QueueServer.Storage;

/// <summary>
/// Committed changes of every hall, in commit order, for the publisher. Written under each hall's
/// engine lock right after the commit, so the order of a hall's events is the order of its log.
/// </summary>
public sealed class HallChangeFeed
{
    private readonly Channel<HallChange> _channel = Channel.CreateUnbounded<HallChange>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Where the publisher reads.</summary>
    public ChannelReader<HallChange> Reader => _channel.Reader;

    /// <summary>Raised with the hall id after each committed change, under the engine's lock: handlers must be quick and must not call the engine.</summary>
    public event Action<string>? Committed;

    /// <summary>Adds a committed change.</summary>
    public void Add(HallChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _channel.Writer.TryWrite(change);
        Committed?.Invoke(change.HallId);
    }
}
