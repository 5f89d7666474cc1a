namespace HallDevices.Display.CounterDevices;

/// <summary>Picks each bus map device's <see cref="ICounterDeviceDriver"/> by its kind, once, when the map is loaded.</summary>
internal static class CounterDeviceDrivers
{
    /// <summary>One driver per device of <see cref="BusOptions.Devices"/>, in map order (the order they are polled in).</summary>
    public static IReadOnlyList<ICounterDeviceDriver> Create(
        BusOptions options, WindowText text, EvaluationTracker evaluations, BusRequests requests, BusOutbox outbox, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = options.Devices.Count;
        var interval = TimeSpan.FromSeconds(options.ReadBackSeconds);
        return [.. options.Devices.Select((o, index) => Create(new BusDevice(o), index))];

        ICounterDeviceDriver Create(BusDevice d, int index)
        {
            ReadBackSchedule ReadBack() => new(d.DeviceId, interval, index, count, time, loggers.CreateLogger<ReadBackSchedule>());
            return d.Kind switch
            {
                "keypad" => new KeypadDriver(d, options, requests, outbox, ReadBack(), time, loggers.CreateLogger<KeypadDriver>()),
                "evaluator" => new EvaluatorDriver(d, options, evaluations, requests, outbox, ReadBack(), loggers.CreateLogger<EvaluatorDriver>()),
                "led-strip" => new LedStripDriver(d, text, loggers.CreateLogger<LedStripDriver>()),
                // Start-up validation names the key first (WindowOptionsValidation).
                _ => throw new ArgumentException($"unknown bus device kind '{d.Kind}' at address {d.Address}", nameof(options)),
            };
        }
    }
}
