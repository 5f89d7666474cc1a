using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;
using static HallDevices.Queueing.Tests.Engine.TestTickets;

namespace HallDevices.Queueing.Tests.Engine;

public class UnitOfWorkTests
{
    private readonly Dictionary<string, Ticket> _tickets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CounterState> _counters = new(StringComparer.Ordinal);
    private readonly Ticket _committed = Waiting("A001", Nine.AddMinutes(-5));
    private readonly CounterState _idle = new("c1", CounterStatus.Idle, "s01", null, null, Nine.AddHours(-1));

    public UnitOfWorkTests()
    {
        _tickets[_committed.Id] = _committed;
        _counters[_idle.CounterId] = _idle;
    }

    private UnitOfWork Begin(long lastSequence = 41) => new(_tickets, _counters, new Dictionary<string, Evaluation.FollowUpCase>(StringComparer.Ordinal), lastSequence, Nine);

    private static TicketSkipped Skipped(Ticket t) =>
        new() { HallId = "small", TicketId = t.Id, Number = t.Number, QueueId = t.QueueId, ServiceId = t.ServiceId, CounterId = "c1" };

    [Fact]
    public void A_command_reads_its_own_writes_and_the_committed_state_stays_as_it_was()
    {
        var work = Begin();
        Assert.Same(_committed, work.Ticket(_committed.Id));
        Assert.Same(_idle, work.Counter("c1"));
        Assert.Null(work.Counter("c9"));
        Assert.False(work.HasChanges);

        var called = _committed with { Status = TicketStatus.Called };
        var serving = _idle with { Status = CounterStatus.Serving, TicketId = called.Id };
        work.Put(called);
        work.Put(serving);

        Assert.Same(called, work.Ticket(_committed.Id));
        Assert.Same(serving, work.Counter("c1"));
        Assert.True(work.HasChanges);
        Assert.Same(_committed, _tickets[_committed.Id]);
        Assert.Same(_idle, _counters["c1"]);
    }

    [Fact]
    public void Events_are_numbered_after_the_last_committed_one_and_stamped_with_the_commands_time()
    {
        var work = Begin(lastSequence: 41);

        work.Emit(Skipped(_committed));
        work.Emit(Skipped(_committed));
        var journal = new MemoryJournal();
        var change = work.Commit(journal, "small");

        Assert.Equal([42L, 43L], change.Events.Select(e => e.Sequence));
        Assert.All(change.Events, e => Assert.Equal(Nine, e.At));
    }

    [Fact]
    public void Commit_hands_everything_to_the_journal_as_one_change_and_leaves_nothing_pending()
    {
        var work = Begin(lastSequence: 41);
        var skipped = _committed with { Status = TicketStatus.NoShow, SkippedAt = Nine };
        var request = new ProcessedRequest("r1", nameof(Ticket), "{}", Day);
        work.Put(skipped);
        work.Put(_idle with { Since = Nine });
        work.Emit(Skipped(_committed));
        work.Remember(request);
        var journal = new MemoryJournal();

        var change = work.Commit(journal, "small");

        Assert.Same(change, Assert.Single(journal.Changes));
        Assert.Equal("small", change.HallId);
        Assert.Equal([skipped], change.Tickets);
        Assert.Equal([_idle with { Since = Nine }], change.Counters);
        Assert.Same(request, change.Request);
        Assert.Equal(42, work.LastSequence);
        Assert.False(work.HasChanges);
        Assert.Null(work.Request);
        Assert.Same(_committed, work.Ticket(_committed.Id)); // installing is the engine's job

        work.Emit(Skipped(_committed)); // a command goes on after the day's roll-over committed
        Assert.Equal(43, work.Commit(journal, "small").Events.Single().Sequence);
    }

    [Fact]
    public void A_journal_that_throws_commits_nothing_and_the_sequence_stays()
    {
        var work = Begin(lastSequence: 41);
        work.Put(_committed with { Status = TicketStatus.Called });
        work.Emit(Skipped(_committed));
        var journal = new MemoryJournal { FailNext = true };

        Assert.Throws<IOException>(() => work.Commit(journal, "small"));

        Assert.Empty(journal.Changes);
        Assert.Equal(41, work.LastSequence);
        Assert.Same(_committed, _tickets[_committed.Id]);
    }

    [Fact]
    public void Rollback_discards_every_pending_change_and_its_events()
    {
        var work = Begin(lastSequence: 41);
        work.Put(_committed with { Status = TicketStatus.Called });
        work.Put(_idle with { Status = CounterStatus.Serving });
        work.Emit(Skipped(_committed));
        work.Remember(new ProcessedRequest("r1", nameof(Ticket), "{}", Day));

        work.Rollback();

        Assert.False(work.HasChanges);
        Assert.Null(work.Request);
        Assert.Same(_committed, work.Ticket(_committed.Id));
        Assert.Same(_idle, work.Counter("c1"));
        work.Emit(Skipped(_committed));
        Assert.Equal(42, work.Commit(new MemoryJournal(), "small").Events.Single().Sequence);
    }

    [Fact]
    public void A_remembered_answer_alone_is_something_to_commit()
    {
        var work = Begin();

        work.Remember(new ProcessedRequest("refused-1", nameof(Ticket), "{}", Day));

        Assert.True(work.HasChanges);
        var change = work.Commit(new MemoryJournal(), "small");
        Assert.Empty(change.Events);
        Assert.Equal(41, work.LastSequence);
    }
}
