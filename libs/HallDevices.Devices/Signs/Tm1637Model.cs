using System.Device.Gpio;

namespace HallDevices.Devices.Signs;

/// <summary>
/// Watches the CLK/DIO pins of a <see cref="RecordingGpioDriver"/> and decodes the TM1637 wire
/// protocol: start (DIO falls while CLK high), 8 bits LSB first sampled on CLK rising edges, an ACK
/// clock, stop (DIO rises while CLK high). Commands 0x40/0x44 (data write), 0xC0+addr (address,
/// then data bytes), 0x80 + 8·on + brightness (display control) update the modelled chip.
/// </summary>
public sealed class Tm1637Model
{
    private readonly RecordingGpioDriver _driver;
    private readonly int _clk;
    private readonly int _dio;
    private readonly List<byte> _frame = [];
    private bool _clkHigh = true, _dioHigh = true;
    private int _bits, _current;
    private bool _ackClock;
    private bool _fixedAddress;
    private int _address;

    /// <summary>Starts watching the two pins.</summary>
    public Tm1637Model(RecordingGpioDriver driver, int clkPin, int dioPin)
    {
        _driver = driver ?? throw new ArgumentNullException(nameof(driver));
        _clk = clkPin;
        _dio = dioPin;
        driver.PinWritten += OnWrite;
    }

    /// <summary>The six display registers (segment patterns).</summary>
    public byte[] Registers { get; } = new byte[6];

    /// <summary>Display on (from the display-control command).</summary>
    public bool On { get; private set; }

    /// <summary>Brightness 0–7.</summary>
    public int Brightness { get; private set; }

    /// <summary>Bytes decoded so far, for protocol-level assertions.</summary>
    public List<byte> DecodedBytes { get; } = [];

    /// <summary>The characters the first <paramref name="digits"/> positions show ('?' for patterns without a character).</summary>
    public string Text(int digits = 4) => On ? new string(Registers.Take(digits).Select(SevenSegment.Decode).ToArray()) : new string(' ', digits);

    private void OnWrite(int pin, PinValue value)
    {
        bool high = value == PinValue.High;
        if (pin == _dio)
        {
            // Only a driven DIO counts; the chip pulls it low for ACK while we read.
            if (_driver.ModeOf(_dio) != PinMode.Output && !high)
            {
                return;
            }

            if (_clkHigh && _dioHigh && !high)
            {
                Start();
            }
            else if (_clkHigh && !_dioHigh && high)
            {
                Stop();
            }

            _dioHigh = high;
        }
        else if (pin == _clk)
        {
            if (!_clkHigh && high)
            {
                Rising();
            }

            _clkHigh = high;
        }
    }

    private void Start()
    {
        _frame.Clear();
        _bits = 0;
        _current = 0;
        _ackClock = false;
    }

    private void Rising()
    {
        if (_ackClock)
        {
            _ackClock = false;
            return;
        }

        if (_dioHigh)
        {
            _current |= 1 << _bits;
        }

        if (++_bits == 8)
        {
            _frame.Add((byte)_current);
            DecodedBytes.Add((byte)_current);
            _bits = 0;
            _current = 0;
            _ackClock = true;
        }
    }

    private void Stop()
    {
        if (_frame.Count > 0)
        {
            Apply(_frame);
        }

        _frame.Clear();
        _bits = 0;
        _current = 0;
    }

    private void Apply(List<byte> frame)
    {
        byte command = frame[0];
        switch (command & 0xC0)
        {
            case 0x40:
                _fixedAddress = (command & 0x04) != 0;
                break;
            case 0x80:
                On = (command & 0x08) != 0;
                Brightness = command & 0x07;
                break;
            case 0xC0:
                _address = command & 0x07;
                for (int i = 1; i < frame.Count; i++)
                {
                    if (_address < Registers.Length)
                    {
                        Registers[_address] = frame[i];
                    }

                    if (!_fixedAddress)
                    {
                        _address++;
                    }
                }

                break;
        }
    }
}
