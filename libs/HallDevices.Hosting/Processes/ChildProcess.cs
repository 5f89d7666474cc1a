using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace HallDevices.Hosting.Processes;

/// <summary>
/// A child process the demo, the tests or the load generator started: its stdout and stderr are
/// read line by line into a ring (for waits and failure messages), it can be waited on for a line
/// or for a healthy <c>/health</c>, stopped gracefully (a signal, then a kill of its whole process
/// tree after a grace period), and disposing it kills the tree. Every message names the child and
/// shows its last output, so a failing run says which app failed and why.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable, IDisposable
{
    // A SIGKILLed process is gone within milliseconds; this only bounds a wait on a stuck kernel.
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OutputDrainWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HealthPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan HealthRequestTimeout = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly ChildProcessStartInfo _info;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private long _dropped;
    private long _cursor;
    private int _openStreams = 2;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private ChildProcess(Process process, ChildProcessStartInfo info, TimeProvider time)
    {
        _process = process;
        _info = info;
        _time = time;
        Id = process.Id;
        process.OutputDataReceived += (_, e) => Add(e.Data, string.Empty);
        process.ErrorDataReceived += (_, e) => Add(e.Data, info.ErrorLinePrefix);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>How messages name the child.</summary>
    public string Name => _info.Name;

    /// <summary>Its process id.</summary>
    public int Id { get; }

    /// <summary>True once it exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its exit code (128+N: killed by signal N); only once it exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>When it exited (local time); only once it exited.</summary>
    public DateTime ExitTime => _process.ExitTime;

    /// <summary>Every kept output line, oldest first, one per line.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>The last <paramref name="lines"/> kept output lines, oldest first.</summary>
    public string Tail(int lines)
    {
        lock (_gate)
        {
            return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - lines)));
        }
    }

    /// <summary>Starts the child; throws naming it when the program cannot be started.</summary>
    public static ChildProcess Start(ChildProcessStartInfo info, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        var psi = new ProcessStartInfo(info.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = info.RedirectStandardInput,
            UseShellExecute = false,
        };
        if (info.WorkingDirectory is { } dir)
        {
            psi.WorkingDirectory = dir;
        }

        foreach (var a in info.Arguments)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in info.Environment)
        {
            psi.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"{info.Name}: {info.FileName} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{info.Name}: cannot start {info.FileName}: {e.Message}", e);
        }

        return new ChildProcess(process, info, time ?? TimeProvider.System);
    }

    /// <summary>
    /// The next output line that matches, reading on from where the previous wait stopped (lines
    /// printed before the first wait count too). Throws <see cref="TimeoutException"/> after
    /// <paramref name="timeout"/> and <see cref="ChildProcessExitedException"/> when the child ends
    /// first, both with its last output.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        while (true)
        {
            Task changed;
            bool ended;
            lock (_gate)
            {
                for (var seq = Math.Max(_cursor, _dropped); seq < _dropped + _lines.Count; seq++)
                {
                    var line = _lines[(int)(seq - _dropped)];
                    if (match(line))
                    {
                        _cursor = seq + 1;
                        return line;
                    }
                }

                _cursor = _dropped + _lines.Count;
                changed = _changed.Task;
                ended = _openStreams == 0;
            }

            try
            {
                if (ended)
                {
                    // All its output is in and nothing matched: it is exiting, or has.
                    await _process.WaitForExitAsync(linked.Token);
                    throw await ExitedAsync();
                }

                await changed.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} did not print the expected line within {Seconds(timeout)} s; it printed:\n{MessageTail()}");
            }
        }
    }

    /// <summary>The next output line matching <paramref name="pattern"/>, as <see cref="WaitForLineAsync(Func{string, bool}, TimeSpan, CancellationToken)"/>.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var line = await WaitForLineAsync(pattern.IsMatch, timeout, cancellationToken);
        return pattern.Match(line);
    }

    /// <summary>Writes one line to its stdin (<see cref="ChildProcessStartInfo.RedirectStandardInput"/>).</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>
    /// Waits until <paramref name="url"/> answers with a success status. Throws
    /// <see cref="ChildProcessExitedException"/> when the child exits first and
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/>, both with its last output.
    /// </summary>
    public async Task WaitUntilHealthyAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var http = new HttpClient { Timeout = HealthRequestTimeout };
        var started = _time.GetTimestamp();
        while (_time.GetElapsedTime(started) < timeout)
        {
            if (_process.HasExited)
            {
                throw await ExitedAsync();
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(HealthPoll, _time, cancellationToken);
        }

        throw new TimeoutException($"{Name} did not answer {url.AbsolutePath} within {Seconds(timeout)} s:\n{MessageTail()}");
    }

    /// <summary>Sends <paramref name="signal"/> to the child itself (not its children); false when it already exited.</summary>
    public bool Signal(PosixSignal signal)
    {
        if (_process.HasExited)
        {
            return false;
        }

        var number = signal switch
        {
            PosixSignal.SIGTERM => 15,
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGQUIT => 3,
            PosixSignal.SIGHUP => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "SIGTERM, SIGINT, SIGQUIT or SIGHUP"),
        };
        return kill(Id, number) == 0;
    }

    /// <summary>Waits for the child to exit; <see cref="TimeoutException"/> (naming it, with its last output) after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await _process.WaitForExitAsync(linked.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not exit within {Seconds(timeout)} s:\n{MessageTail()}");
        }
    }

    /// <summary>
    /// Stops the child as an operator's <c>systemctl stop</c> would: <paramref name="signal"/>
    /// (SIGTERM unless given), then, if it is still running after <paramref name="gracePeriod"/>, a
    /// kill of its whole process tree. Returns its exit code.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan gracePeriod, PosixSignal signal = PosixSignal.SIGTERM)
    {
        if (Signal(signal))
        {
            try
            {
                return await WaitForExitAsync(gracePeriod);
            }
            catch (TimeoutException)
            {
                // Ignored the signal or stuck in shutdown: the grace period is over.
            }
        }

        Kill();
        return _process.ExitCode;
    }

    /// <summary>Kills the child and every process it started (SIGKILL: no shutdown code runs) and waits for it.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(KillWait);
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
        }
        catch (Win32Exception)
        {
            // Exited between the check and the kill.
        }
    }

    /// <summary>Kills it (see <see cref="Kill"/>) unless it already exited.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Kill();
            _process.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Add(string? line, string prefix)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (line is null)
            {
                _openStreams--;
            }
            else
            {
                _lines.Add(prefix.Length == 0 ? line : prefix + line);
                if (_info.KeepLines is { } keep && _lines.Count > keep)
                {
                    var drop = _lines.Count - keep;
                    _lines.RemoveRange(0, drop);
                    _dropped += drop;
                }
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>The exception for an exited child, once its last lines are read (they may still be in the pipe).</summary>
    private async Task<ChildProcessExitedException> ExitedAsync()
    {
        try
        {
            // Completes at end of output; a grandchild still holding the pipe must not keep the error waiting.
            using var drained = new CancellationTokenSource(OutputDrainWait, _time);
            await _process.WaitForExitAsync(drained.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return new ChildProcessExitedException(Name, _process.ExitCode, MessageTail());
    }

    private string MessageTail() => _info.MessageLines is { } n ? Tail(n) : Output;

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    // kill(2): .NET sends SIGKILL only; a graceful stop needs SIGTERM (or SIGINT) without running /bin/kill.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
