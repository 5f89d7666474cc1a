using HallDevices.Contracts;
using HallDevices.Devices.Modbus;

namespace HallDevices.Display.CounterDevices;

/// <summary>
/// A window's evaluator: after <c>ticket-finished</c> its prompt is on (<see cref="EvaluationTracker"/>)
/// until a score, sent as <c>req/evaluate</c> for that ticket, or <see cref="BusOptions.EvaluationTimeoutSeconds"/>;
/// the prompt is read back on the <see cref="ReadBackSchedule"/>. Written as <c>on</c> / <c>off</c>.
/// </summary>
internal sealed partial class EvaluatorDriver(BusDevice device, BusOptions options, EvaluationTracker evaluations, BusRequests requests, BusOutbox outbox, ReadBackSchedule readBack, ILogger<EvaluatorDriver> log)
    : ICounterDeviceDriver
{
    private readonly ILogger _log = log;
    private Evaluator? _evaluator;

    public BusDevice Device { get; } = device;

    private Evaluator Evaluator => _evaluator ?? throw new InvalidOperationException("Attach the evaluator to a bus session first.");

    public void Attach(ModbusRtuMaster master)
    {
        _evaluator = new Evaluator(master, Device.Address);
        Device.Written = null;
        readBack.Reset();
    }

    public async Task PollAsync(CounterStateMessage? state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var score in await Evaluator.PollAsync(cancellationToken))
        {
            if (evaluations.Rated(Device.Counter, now) is { } ticket)
            {
                LogRated(Device.Counter, score);
                outbox.Enqueue(token => requests.EvaluateAsync(Device, ticket, score, token));
            }
            else
            {
                LogUnaskedScore(Device.Counter);
            }
        }

        if (evaluations.Pending(Device.Counter, now, out var lapsed) is null && lapsed is not null)
        {
            LogEvaluationTimedOut(Device.Counter, options.EvaluationTimeoutSeconds);
        }
    }

    public string Shows(CounterStateMessage? state, DateTimeOffset now) => evaluations.Pending(Device.Counter, now, out _) is not null ? "on" : "off";

    public async Task<bool> StillShowsAsync(string shown, CancellationToken cancellationToken) =>
        !await readBack.LostAsync($"prompt {shown}", async () => await Evaluator.ReadPromptAsync(cancellationToken) != (shown == "on"));

    public Task WriteAsync(string shown, CancellationToken cancellationToken) => Evaluator.SetPromptAsync(shown == "on", cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluator of {Counter}: score {Score}")]
    private partial void LogRated(string counter, int score);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evaluator of {Counter}: a score nobody asked for is ignored")]
    private partial void LogUnaskedScore(string counter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluator of {Counter}: no rating within {Seconds} s, prompt off")]
    private partial void LogEvaluationTimedOut(string counter, int seconds);
}
