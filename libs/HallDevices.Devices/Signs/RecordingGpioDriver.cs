using System.Device.Gpio;

namespace HallDevices.Devices.Signs;

/// <summary>
/// A <see cref="GpioDriver"/> that drives no hardware: it remembers pin levels and modes, reports
/// every output change to listeners, and reads input pins as Low (so a TM1637 sees its ACK). Used
/// by tests and the simulator to watch bit-banged chips such as the TM1637.
/// </summary>
public sealed class RecordingGpioDriver : GpioDriver
{
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly Dictionary<int, PinValue> _values = [];

    /// <summary>Raised for every write: pin, value.</summary>
    public event Action<int, PinValue>? PinWritten;

    /// <summary>Raised for every mode change: pin, mode.</summary>
    public event Action<int, PinMode>? ModeChanged;

    /// <inheritdoc />
    protected override int PinCount => 64;

    /// <summary>Current mode of a pin.</summary>
    public PinMode ModeOf(int pin) => _modes.GetValueOrDefault(pin, PinMode.Input);

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber) => _modes[pinNumber] = PinMode.Input;

    /// <inheritdoc />
    protected override void ClosePin(int pinNumber) => _modes.Remove(pinNumber);

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        _modes[pinNumber] = mode;
        ModeChanged?.Invoke(pinNumber, mode);
    }

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber) => ModeOf(pinNumber);

    /// <inheritdoc />
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    /// <inheritdoc />
    protected override PinValue Read(int pinNumber) =>
        ModeOf(pinNumber) == PinMode.Output ? _values.GetValueOrDefault(pinNumber, PinValue.Low) : PinValue.Low;

    /// <inheritdoc />
    protected override void Toggle(int pinNumber) => Write(pinNumber, !(bool)_values.GetValueOrDefault(pinNumber, PinValue.Low) ? PinValue.High : PinValue.Low);

    /// <inheritdoc />
    protected override void Write(int pinNumber, PinValue value)
    {
        _values[pinNumber] = value;
        PinWritten?.Invoke(pinNumber, value);
    }

    /// <inheritdoc />
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        new() { TimedOut = true, EventTypes = PinEventTypes.None };

    /// <inheritdoc />
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
    }

    /// <inheritdoc />
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
    }

    /// <inheritdoc />
    public override GpioChipInfo GetChipInfo() => new(0, "recording", "halldevices", 64);
}
