using HallDevices.QueueServer.Storage;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

public class AppliedMarkTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_reader_waits_until_the_database_holds_its_record()
    {
        var time = new FakeTimeProvider();
        var mark = new AppliedMark(2, time);
        mark.WaitFor(2, Limit); // already there: no wait

        var wait = Task.Factory.StartNew(() => mark.WaitFor(5, Limit), TaskCreationOptions.LongRunning);
        mark.Advance(4);
        Assert.False(await TimedSignalTests.Within(wait, TimeSpan.FromMilliseconds(200)), "returned before record 5 was applied");
        mark.Advance(5);

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, mark.Value);
        mark.Advance(3);
        Assert.Equal(5, mark.Value);
    }

    [Fact]
    public async Task A_reader_gives_up_when_the_providers_clock_passes_the_limit()
    {
        var time = new WatchedTime();
        var mark = new AppliedMark(0, time);
        var wait = Task.Factory.StartNew(() => mark.WaitFor(3, Limit), TaskCreationOptions.LongRunning);

        time.WaitUntilArmed(Limit);
        time.Advance(Limit - TimeSpan.FromMilliseconds(1));
        Assert.False(await TimedSignalTests.Within(wait, TimeSpan.FromMilliseconds(200)), "gave up before the limit on the fake clock");
        time.Advance(TimeSpan.FromMilliseconds(1));

        var e = await Assert.ThrowsAsync<TimeoutException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("3 change(s) behind its journal after 5 s", e.Message, StringComparison.Ordinal);
    }
}
