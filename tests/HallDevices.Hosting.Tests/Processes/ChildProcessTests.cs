using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using HallDevices.Hosting.Processes;

namespace HallDevices.Hosting.Tests.Processes;

/// <summary>Real <c>bash</c>/<c>sleep</c>/<c>cat</c> children: what the demo, the tests and the load generator rely on.</summary>
public class ChildProcessTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    private static ChildProcess Bash(string script, string name = "child", int? keepLines = 1000, string errorPrefix = "") =>
        ChildProcess.Start(new ChildProcessStartInfo("bash", "-c", script) { Name = name, KeepLines = keepLines, ErrorLinePrefix = errorPrefix });

    [Fact]
    public async Task Stdout_and_stderr_lines_are_captured_in_arrival_order_with_the_stderr_prefix()
    {
        await using var child = Bash("echo one; sleep 0.1; echo two >&2; sleep 0.1; echo three", errorPrefix: "stderr: ");

        Assert.Equal(0, await child.WaitForExitAsync(Long));
        await child.WaitForLineAsync(l => l == "three", Long);
        Assert.Equal("one\nstderr: two\nthree", child.Output);
    }

    [Fact]
    public async Task The_ring_keeps_only_the_latest_lines()
    {
        await using var child = Bash("seq 1 100", keepLines: 10);

        await child.WaitForLineAsync(l => l == "100", Long);
        Assert.Equal(string.Join('\n', Enumerable.Range(91, 10)), child.Output);
        Assert.Equal("99\n100", child.Tail(2));
    }

    [Fact]
    public async Task Waiting_for_a_line_reads_on_from_the_previous_wait()
    {
        await using var child = Bash("echo starting; sleep 0.2; echo 'ready port=1234'; echo tick; sleep 0.2; echo tick; sleep 30");

        var ready = await child.WaitForLineAsync(new Regex("ready port=(\\d+)"), Long);
        Assert.Equal("1234", ready.Groups[1].Value);
        Assert.Equal("tick", await child.WaitForLineAsync(l => l.StartsWith("t", StringComparison.Ordinal), Long));
        Assert.Equal("tick", await child.WaitForLineAsync(l => l.StartsWith("t", StringComparison.Ordinal), Long));

        // "starting" was passed over by the first wait: it is not found again.
        await Assert.ThrowsAsync<TimeoutException>(() => child.WaitForLineAsync(l => l == "starting", TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_wait_that_times_out_names_the_child_and_shows_its_last_output()
    {
        await using var child = Bash("echo hello-from-child; sleep 30", name: "sleeper");
        await child.WaitForLineAsync(l => l == "hello-from-child", Long);

        var e = await Assert.ThrowsAsync<TimeoutException>(() => child.WaitForLineAsync(l => l == "never", TimeSpan.FromMilliseconds(300)));

        Assert.StartsWith("sleeper did not print the expected line within 0.3 s", e.Message, StringComparison.Ordinal);
        Assert.Contains("hello-from-child", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_that_exits_before_the_line_fails_the_wait_at_once_with_its_exit_code_and_output()
    {
        await using var child = Bash("echo giving-up >&2; exit 3", name: "quitter");
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<ChildProcessExitedException>(() => child.WaitForLineAsync(l => l == "never", TimeSpan.FromSeconds(30)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(("quitter", 3), (e.Name, e.ExitCode));
        Assert.Contains("giving-up", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_health_fails_naming_a_child_that_exited()
    {
        await using var child = Bash("echo no-config; exit 2", name: "queue-server");

        var e = await Assert.ThrowsAsync<ChildProcessExitedException>(() => child.WaitUntilHealthyAsync(new Uri("http://127.0.0.1:9/health"), TimeSpan.FromSeconds(30)));

        Assert.Equal(2, e.ExitCode);
        Assert.StartsWith("queue-server exited with 2:", e.Message, StringComparison.Ordinal);
        Assert.Contains("no-config", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_written_to_stdin_reach_the_child()
    {
        await using var child = ChildProcess.Start(new ChildProcessStartInfo("cat") { RedirectStandardInput = true });

        await child.WriteLineAsync("ping");

        Assert.Equal("ping", await child.WaitForLineAsync(l => l == "ping", Long));
    }

    [Fact]
    public async Task Configuration_keys_become_the_environment_variables_dotnet_binds()
    {
        var info = new ChildProcessStartInfo("bash", "-c", "echo \"port=$Mqtt__Port\"").Configure("Mqtt:Port", "1884");
        await using var child = ChildProcess.Start(info);

        Assert.Equal("port=1884", await child.WaitForLineAsync(l => l.StartsWith("port=", StringComparison.Ordinal), Long));
    }

    [Fact]
    public async Task A_graceful_stop_of_a_child_that_honours_SIGTERM_returns_its_exit_code()
    {
        await using var child = ChildProcess.Start(new ChildProcessStartInfo("sleep", "300"));
        var clock = Stopwatch.StartNew();

        var exit = await child.StopAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(128 + 15, exit);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_graceful_stop_can_send_SIGINT()
    {
        await using var child = Bash("trap 'echo interrupted; exit 7' INT; echo armed; while true; do sleep 0.05; done");
        await child.WaitForLineAsync(l => l == "armed", Long);

        Assert.Equal(7, await child.StopAsync(TimeSpan.FromSeconds(10), PosixSignal.SIGINT));
        Assert.Contains("interrupted", child.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_ignoring_SIGTERM_is_killed_with_its_children_after_the_grace_period()
    {
        await using var child = Bash("trap '' TERM; sleep 300 & echo \"grandchild $!\"; wait");
        var grandchild = int.Parse((await child.WaitForLineAsync(new Regex("grandchild (\\d+)"), Long)).Groups[1].Value, CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();

        var exit = await child.StopAsync(TimeSpan.FromMilliseconds(700));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(650), $"killed after {clock.Elapsed}, before the grace period");
        Assert.Equal(128 + 9, exit);
        Assert.True(await GoneAsync(child.Id), "the child still runs");
        Assert.True(await GoneAsync(grandchild), "its child was left behind");
    }

    [Fact]
    public async Task Disposing_kills_the_child_and_its_children()
    {
        var child = Bash("sleep 300 & echo \"grandchild $!\"; wait");
        var grandchild = int.Parse((await child.WaitForLineAsync(new Regex("grandchild (\\d+)"), Long)).Groups[1].Value, CultureInfo.InvariantCulture);
        var pid = child.Id;

        await child.DisposeAsync();
        await child.DisposeAsync();

        Assert.True(await GoneAsync(pid), "the child still runs");
        Assert.True(await GoneAsync(grandchild), "its child was left behind");
    }

    /// <summary>True once <paramref name="pid"/> is no running process (gone, or a zombie waiting for its reaper).</summary>
    private static async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                var stat = await File.ReadAllTextAsync($"/proc/{pid}/stat");
                if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
