using HallDevices.QueueServer.Storage;

namespace HallDevices.QueueServer.Tests.Storage;

public class RecentEventRingTests
{
    [Fact]
    public void Nothing_kept_sends_every_reader_to_the_database()
    {
        var ring = new RecentEventRing(4);

        Assert.Null(ring.After(0, 10));
    }

    [Fact]
    public void Events_come_back_oldest_first_from_the_one_after_the_sequence_asked_for_up_to_the_limit()
    {
        var ring = new RecentEventRing(4);
        Add(ring, 1, 2, 3);

        Assert.Equal([1L, 2, 3], Sequences(ring.After(0, 10)));
        Assert.Equal([2L], Sequences(ring.After(1, 1)));
        Assert.Empty(ring.After(3, 10)!);
        Assert.Empty(ring.After(9, 10)!);
    }

    [Fact]
    public void Once_it_wraps_around_only_the_last_capacity_events_are_served_and_older_ones_go_to_the_database()
    {
        var ring = new RecentEventRing(4);
        Add(ring, 1, 2, 3, 4, 5, 6);

        // Slots: 6→2, 3→3, 4→0, 5→1 (sequence mod 4); 1 and 2 were overwritten.
        Assert.Equal([3L, 4, 5, 6], Sequences(ring.After(2, 10)));
        Assert.Equal([4L, 5], Sequences(ring.After(3, 2)));
        Assert.Null(ring.After(1, 10));
        Assert.Null(ring.After(0, 1));
    }

    [Fact]
    public void An_event_out_of_line_starts_the_memory_over_rather_than_serve_a_list_with_a_hole()
    {
        var ring = new RecentEventRing(4);
        Add(ring, 1, 2);
        Add(ring, 5);

        Assert.Null(ring.After(3, 10));
        Assert.Equal([5L], Sequences(ring.After(4, 10)));
        Add(ring, 6);
        Assert.Equal([5L, 6], Sequences(ring.After(4, 10)));
    }

    private static void Add(RecentEventRing ring, params long[] sequences) =>
        ring.Add(sequences.SelectMany(s => JournalSegmentsTests.LoggedIn(s).Events).ToList());

    private static IEnumerable<long> Sequences(List<Queueing.Tickets.HallEvent>? events) => events!.Select(e => e.Sequence);
}
