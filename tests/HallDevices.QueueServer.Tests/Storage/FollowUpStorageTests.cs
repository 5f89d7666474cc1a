using System.Text.Json;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

/// <summary>Follow-up cases of bad ratings and tracking tokens outlive the process: database, journal replay, old journal lines.</summary>
public class FollowUpStorageTests
{
    private static readonly HallDefinition Hall = HallFile.Load(Repo.SampleHallFile);

    private static DateOnly Today(FakeTimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Hall.TimeZone).DateTime);

    /// <summary>D001 served at w5 and rated 1 there; returns its case id.</summary>
    private static string RateBadly(HallEngine engine)
    {
        Assert.True(engine.Login("w5", "staff-w5").IsOk);
        var t = engine.Issue(new IssueTicketCommand("consultation", "kiosk", Token: "token-d001")).Value!.Ticket;
        engine.CallNext("w5");
        engine.Finish("w5");
        var rated = engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "w5", 1) with { ReasonIds = ["attitude"] });
        Assert.True(rated.IsOk, rated.Error?.Message);
        return rated.Value!.FollowUp!.TicketId;
    }

    [Fact]
    public void A_follow_up_case_comes_back_from_the_database_after_a_restart_days_later()
    {
        var path = Path.Combine(TempDir.Create("followups"), "hall.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        string id;
        using (var store = new HallStore(path))
        {
            var engine = HallEngine.Restore(Hall, store, time, store.Load(Today(time)));
            id = RateBadly(engine);
            Assert.True(engine.RecordFollowUp(id, FollowUpSteps.CallBack, "回访：等候太久", null, by: "manager").IsOk);
        }

        time.Advance(TimeSpan.FromDays(4));
        using (var store = new HallStore(path))
        {
            var snapshot = store.Load(Today(time));
            var engine = HallEngine.Restore(Hall, store, time, snapshot);

            var restored = Assert.Single(snapshot.FollowUps);
            Assert.Equal((id, "回访：等候太久", "staff-w5"), (restored.TicketId, restored.CallBackNote, restored.StaffId));
            Assert.Equal(["attitude"], restored.ReasonIds);
            Assert.True(engine.RecordFollowUp(id, FollowUpSteps.Rectification, "加开窗口", null).IsOk);
        }
    }

    [Fact]
    public void A_follow_up_case_only_in_the_journal_when_the_process_died_is_replayed()
    {
        var path = Path.Combine(TempDir.Create("followups"), "hall.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        var dying = new HallStore(path, NullLogger.Instance, segmentBytes: 1 << 20, background: false);
        var engine = HallEngine.Restore(Hall, dying, time, HallSnapshot.Empty);
        var id = RateBadly(engine);
        engine.Appeal(id, AppealReasons.Mistaken, "按错键", by: "staff-w5");
        dying.Abandon();

        using var store = new HallStore(path);
        var snapshot = store.Load(Today(time));

        var restored = Assert.Single(snapshot.FollowUps);
        Assert.Equal((AppealStatus.Pending, "按错键"), (restored.Appeal, restored.AppealNote));
        Assert.Equal("token-d001", Assert.Single(snapshot.Tickets).Token);
        Assert.Equal(
            ["evaluation", "follow-up-opened", "evaluation-appealed"],
            store.EventsAfter(0, 100).Select(e => e.Type).Where(t => t is not ("ticket-issued" or "counter-changed" or "ticket-called" or "ticket-finished")));
    }

    [Fact]
    public void A_journal_line_written_before_follow_ups_existed_reads_as_a_change_with_none()
    {
        const string old = """{"n":3,"events":[],"tickets":[],"counters":[{"counterId":"w5","status":"idle","staffId":"li","since":"2026-11-27T09:00:00+08:00"}]}""";

        var record = JsonSerializer.Deserialize<JournalRecord>(old, LiteHallStore.Json)!;

        Assert.Empty(record.ToChange().FollowUps);
        Assert.DoesNotContain("followUps", JsonSerializer.Serialize(JournalRecord.Of(4, record.ToChange()), LiteHallStore.Json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_restart_loads_open_cases_and_those_closed_within_sixty_days_only()
    {
        var path = Path.Combine(TempDir.Create("followups"), "hall.db");
        var today = new DateOnly(2026, 11, 27);
        var at = new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.FromHours(8));
        FollowUpCase Case(string id, DateTimeOffset? closed) => new()
        {
            TicketId = id, Number = "D001", QueueId = "rural", ServiceId = "consultation", CounterId = "w5", Score = 1,
            OpenedAt = at, DueDate = new DateOnly(2026, 9, 8), Satisfaction = closed is null ? null : RectificationSatisfaction.Satisfied, ClosedAt = closed,
        };

        using (var db = new LiteHallStore(path))
        {
            db.Apply([new HallChange("xinqiao", [], [], [])
            {
                FollowUps = [Case("20260901-D001", null), Case("20260901-D002", new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.FromHours(8))), Case("20260901-D003", new DateTimeOffset(2026, 9, 20, 9, 0, 0, TimeSpan.FromHours(8)))],
            }], 1);
        }

        using (var db = new LiteHallStore(path))
        {
            Assert.Equal(["20260901-D001", "20260901-D002"], db.Load(today).FollowUps.Select(f => f.TicketId).Order(StringComparer.Ordinal));
        }
    }
}
