using System.Threading.Channels;

namespace HallDevices.Display.Voice;

/// <summary>One call to announce.</summary>
/// <param name="Ticket">Number called, e.g. <c>A012</c>.</param>
/// <param name="CounterId">Counter.</param>
/// <param name="CounterName">Counter display name, e.g. <c>3号窗口</c>.</param>
/// <param name="Recall">True for a recall (announced again like a call).</param>
/// <param name="Sequence">Event sequence it came from.</param>
internal sealed record Announcement(string Ticket, string CounterId, string CounterName, bool Recall, long Sequence)
{
    /// <summary>The sentence spoken, from the template: <c>{ticket}</c>/<c>{window}</c> spoken forms, <c>{number}</c>/<c>{counter}</c> raw.</summary>
    public string Text(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template
            .Replace("{ticket}", ChineseNumerals.Ticket(Ticket), StringComparison.Ordinal)
            .Replace("{window}", ChineseNumerals.NumbersIn(CounterName), StringComparison.Ordinal)
            .Replace("{number}", Ticket, StringComparison.Ordinal)
            .Replace("{counter}", CounterName, StringComparison.Ordinal);
    }
}

/// <summary>
/// The hall's announcement queue: first in, first out, one reader. Calls are never merged or
/// reordered; a burst of calls is spoken one after the other.
/// </summary>
internal sealed class AnnouncementQueue
{
    private readonly Channel<Announcement> _channel = Channel.CreateUnbounded<Announcement>(new UnboundedChannelOptions { SingleReader = true });
    private int _count;

    /// <summary>Announcements waiting (not yet started).</summary>
    public int Count => Volatile.Read(ref _count);

    public void Enqueue(Announcement announcement)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        Interlocked.Increment(ref _count);
        _channel.Writer.TryWrite(announcement);
    }

    public async ValueTask<Announcement> DequeueAsync(CancellationToken cancellationToken)
    {
        var a = await _channel.Reader.ReadAsync(cancellationToken);
        Interlocked.Decrement(ref _count);
        return a;
    }
}
