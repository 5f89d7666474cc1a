using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace HallDevices.LoadGen.Consoles;

/// <summary>One snapshot as a console received it.</summary>
/// <param name="Ticks">Stopwatch timestamp when the event was complete (its blank line read), before its JSON was parsed.</param>
/// <param name="Sequence">The snapshot's <c>sequence</c>: the last hall event it includes.</param>
/// <param name="Bytes">Size of its <c>data</c>.</param>
internal readonly record struct Arrival(long Ticks, long Sequence, int Bytes);

/// <summary>
/// A staff console's live feed: <c>GET /api/halls/{hall}/live</c> on its own signed-in session,
/// read as a stream (headers first, then each <c>data:</c> event as it arrives, through
/// <see cref="SseParser"/>), every snapshot's arrival time and sequence kept for the report.
/// </summary>
internal sealed class LiveConsole : IAsyncDisposable
{
    private readonly HallSession _session;
    private readonly List<Arrival> _arrivals = new(1024);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;

    public LiveConsole(int index, HallSession session)
    {
        Index = index;
        _session = session;
    }

    public int Index { get; }

    public string Who => _session.Who;

    /// <summary>Why the stream ended early, if it did.</summary>
    public string? Failure { get; private set; }

    /// <summary>Every snapshot received; read it only after <see cref="StopAsync"/>.</summary>
    public IReadOnlyList<Arrival> Arrivals => _arrivals;

    /// <summary>Opens the feed and waits for its first snapshot (sent at once by the server).</summary>
    public async Task OpenAsync(string hallId, TimeSpan timeout, CancellationToken ct)
    {
        var response = await _session.OpenStreamAsync($"/api/halls/{hallId}/live", ct);
        _reading = ReadAsync(response);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        await _first.Task.WaitAsync(deadline.Token);
    }

    /// <summary>Closes the feed and waits for the reader to end.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _reading;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _session.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        try
        {
            using (response)
            {
                await using var body = await response.Content.ReadAsStreamAsync(_stop.Token);
                var parser = SseParser.Create(body, static (_, data) => new Arrival(Stopwatch.GetTimestamp(), SequenceOf(data), data.Length));
                await foreach (var item in parser.EnumerateAsync(_stop.Token))
                {
                    _arrivals.Add(item.Data);
                    _first.TrySetResult();
                }
            }

            if (!_stop.IsCancellationRequested)
            {
                Failure = "the server ended the stream";
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or HttpRequestException or JsonException)
        {
            Failure = $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            _first.TrySetException(new InvalidOperationException($"console {Index} ({Who}): {Failure ?? "stopped"} before its first snapshot"));
        }
    }

    /// <summary>The top-level <c>sequence</c> of a snapshot (the third property; the rest is skipped, not parsed).</summary>
    private static long SequenceOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSequence = reader.ValueTextEquals("sequence"u8);
            reader.Read();
            if (isSequence)
            {
                return reader.GetInt64();
            }

            reader.Skip();
        }

        throw new JsonException("a snapshot without a sequence");
    }
}
