using HallDevices.Contracts;
using HallDevices.Display.Board;
using HallDevices.Display.Tests.Support;
using HallDevices.Hosting;

namespace HallDevices.Display.Tests.Board;

public class BoardStateTests
{
    [Fact]
    public void A_live_board_with_a_new_newest_call_highlights_it_for_the_configured_time()
    {
        var time = Boards.Clock();
        var state = Boards.State(time, Boards.Options(o => o.Board.HighlightSeconds = 10));
        state.SetConnected(true);
        state.ApplyBoard(Boards.Board(("A011", "3号窗口")), retained: true);
        Assert.False(state.Snapshot().IsHighlighted(time.GetUtcNow()));

        state.ApplyBoard(Boards.Board(("A012", "3号窗口"), ("A011", "3号窗口")), retained: false);

        Assert.True(state.Snapshot().IsHighlighted(time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.True(state.Snapshot().IsHighlighted(time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(state.Snapshot().IsHighlighted(time.GetUtcNow()));
    }

    [Fact]
    public void A_recall_moves_the_same_number_to_the_top_with_a_new_time_and_highlights_it_again()
    {
        var time = Boards.Clock();
        var state = Boards.State(time);
        state.SetConnected(true);
        state.ApplyBoard(Boards.Board(Boards.Morning, ("A012", "3号窗口")), retained: false);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(state.Snapshot().IsHighlighted(time.GetUtcNow()));

        state.ApplyBoard(Boards.Board(time.GetUtcNow(), ("A012", "3号窗口")), retained: false);

        Assert.True(state.Snapshot().IsHighlighted(time.GetUtcNow()));
    }

    [Fact]
    public void The_retained_board_delivered_on_reconnection_is_shown_but_not_highlighted()
    {
        var time = Boards.Clock();
        var state = Boards.State(time);
        state.SetConnected(true);

        state.ApplyBoard(Boards.Board(("A012", "3号窗口")), retained: true);

        var view = state.Snapshot();
        Assert.Equal("A012", view.Current!.Ticket);
        Assert.Equal(LinkState.Live, view.Link);
        Assert.False(view.IsHighlighted(time.GetUtcNow()));
    }

    [Fact]
    public void Losing_the_broker_marks_the_board_offline_with_the_time_it_was_last_good_and_it_recovers_with_the_next_board()
    {
        var time = Boards.Clock();
        var state = Boards.State(time);
        state.SetConnected(true);
        state.ApplyBoard(Boards.Board(("A012", "3号窗口")), retained: true);
        time.Advance(TimeSpan.FromSeconds(30));

        state.SetConnected(false);
        var lost = time.GetUtcNow();
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(LinkState.Offline, state.Snapshot().Link);
        Assert.Equal(lost, state.Snapshot().LastGoodAt);

        // Connected again, but nothing received yet: still possibly stale, so still marked.
        state.SetConnected(true);
        Assert.Equal(LinkState.Offline, state.Snapshot().Link);

        state.ApplyBoard(Boards.Board(("A013", "3号窗口")), retained: true);
        Assert.Equal(LinkState.Live, state.Snapshot().Link);
        Assert.Equal("A013", state.Snapshot().Current!.Ticket);
    }

    [Fact]
    public void A_retained_board_that_arrives_just_before_the_connection_is_reported_makes_the_board_live()
    {
        var time = Boards.Clock();
        var state = Boards.State(time);
        state.SetConnected(false);

        state.ApplyBoard(Boards.Board(("A012", "3号窗口")), retained: true);
        state.SetConnected(true);

        Assert.Equal(LinkState.Live, state.Snapshot().Link);
    }

    [Fact]
    public void A_board_that_never_connected_waits_and_then_says_it_cannot_reach_the_server()
    {
        var time = Boards.Clock();
        var state = Boards.State(time);
        Assert.Equal(LinkState.Waiting, state.Snapshot().Link);

        state.SetConnected(false);

        Assert.Equal(LinkState.Offline, state.Snapshot().Link);
        Assert.Null(state.Snapshot().LastGoodAt);
    }

    [Fact]
    public void Every_change_signals_the_renderer_and_many_changes_collapse_into_one_wake_up()
    {
        var time = Boards.Clock();
        var state = Boards.State(time);
        state.SetConnected(true);
        for (var i = 0; i < 5; i++)
        {
            state.ApplyBoard(Boards.Board(($"A{i:000}", "3号窗口")), retained: false);
        }

        Assert.True(state.Changed.TryRead(out _));
        Assert.False(state.Changed.TryRead(out _));
        Assert.Equal("A004", state.Snapshot().Current!.Ticket);
    }

    [Fact]
    public void Counter_names_come_from_the_catalogue()
    {
        var state = Boards.State(Boards.Clock());
        state.ApplyCatalog(new CatalogMessage("xinqiao", "新桥镇为民服务中心", "Asia/Shanghai", [], [], [new CatalogCounterEntry("w6", "6号综合窗口", true, [])]));

        Assert.Equal("6号综合窗口", state.CounterName("w6"));
        Assert.Equal("w9", state.CounterName("w9"));
    }

    [Fact]
    public void On_an_accelerated_hall_clock_a_highlight_still_lasts_real_seconds_and_the_last_good_time_is_hall_time()
    {
        var real = Boards.Clock();
        var hall = new HallClock(Microsoft.Extensions.Options.Options.Create(new ClockOptions { Speed = 30, Start = Boards.Morning.AddHours(-1) }), real);
        var state = new BoardState(Microsoft.Extensions.Options.Options.Create(Boards.Options(o => o.Board.HighlightSeconds = 10)), real, hall);
        state.SetConnected(true);

        state.ApplyBoard(Boards.Board(("A012", "3号窗口")), retained: false);
        real.Advance(TimeSpan.FromSeconds(9));
        Assert.True(state.Snapshot().IsHighlighted(real.GetUtcNow()));
        real.Advance(TimeSpan.FromSeconds(1));
        Assert.False(state.Snapshot().IsHighlighted(real.GetUtcNow()));

        // Ten real seconds at ×30 are five hall minutes: the offline header's time agrees with the board's clock.
        state.SetConnected(false);
        Assert.Equal(Boards.Morning.AddHours(-1).AddMinutes(5), state.Snapshot().LastGoodAt);
    }
}
