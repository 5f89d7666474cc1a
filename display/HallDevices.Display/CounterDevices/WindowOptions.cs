namespace HallDevices.Display.CounterDevices;

/// <summary><c>Display:Bus:*</c>: the RS-485 line with the windows' keypads, evaluators and LED strips.</summary>
internal sealed class BusOptions
{
    /// <summary>Serial device of the RS-485 adapter (e.g. <c>/dev/ttyUSB0</c>); the bus is off when empty.</summary>
    public string? Port { get; set; }

    public int BaudRate { get; set; } = 9600;

    /// <summary>A bus map file (<c>{"devices":[...]}</c>, the format device-sim's <c>bus --config</c> reads); its devices are added to <see cref="Devices"/>.</summary>
    public string? MapFile { get; set; }

    /// <summary>The bus map: Modbus address → device kind and counter.</summary>
    public List<BusDeviceOptions> Devices { get; set; } = [];

    /// <summary>Pause between two polling rounds; the devices keep 4 presses, so ≤ 1 s loses nothing.</summary>
    public int PollIntervalMilliseconds { get; set; } = 200;

    /// <summary>Wait for one reply from a slave.</summary>
    public int ResponseTimeoutMilliseconds { get; set; } = 300;

    /// <summary>Extra attempts before a device that answered before is marked offline.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>How often a device marked offline is tried again (once, without retries, so a dead device costs the bus little).</summary>
    public int OfflineRetrySeconds { get; set; } = 5;

    /// <summary>How long an evaluator prompts for a rating after a finish before giving up.</summary>
    public int EvaluationTimeoutSeconds { get; set; } = 30;

    /// <summary>How long a keypad shows the server's answer before it returns to the counter's ticket.</summary>
    public int KeypadReplySeconds { get; set; } = 5;

    /// <summary>Time allowed for the server to answer a key press; older presses are dropped rather than sent late.</summary>
    public int RequestTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// How often a keypad display or evaluator prompt with nothing new to write is read back: a
    /// device that restarted between two polls answers them as before, blank, and is written again.
    /// </summary>
    public int ReadBackSeconds { get; set; } = 2;

    /// <summary>Wait between attempts to reopen the port after an unplug.</summary>
    public int ReconnectSeconds { get; set; } = 1;

    /// <summary>Why <see cref="MapFile"/> could not be read (reported by validation at start-up).</summary>
    public string? MapFileError { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Port);
}

/// <summary>One device on the bus (<c>Display:Bus:Devices:N:*</c>).</summary>
internal sealed class BusDeviceOptions
{
    public int Address { get; set; }

    /// <summary><c>keypad</c>, <c>evaluator</c> or <c>led-strip</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    public string Counter { get; set; } = string.Empty;

    /// <summary>Device id of <c>hall/{hallId}/devices/{id}/status</c>; <c>keypad-w3</c>, <c>evaluator-w3</c>, <c>led-w3</c> by default.</summary>
    public string? DeviceId { get; set; }

    public string EffectiveDeviceId => string.IsNullOrWhiteSpace(DeviceId)
        ? (Kind == "led-strip" ? "led" : Kind) + "-" + Counter
        : DeviceId;
}

/// <summary><c>Display:Signs:*</c>: LED signs wired straight to the controller's SPI/GPIO.</summary>
internal sealed class SignsOptions
{
    /// <summary><c>hardware</c> (real SPI/GPIO) or <c>simulated</c> (recording fakes, pictures in the snapshot folder).</summary>
    public string Mode { get; set; } = "hardware";

    /// <summary>Folder for the simulated signs' PNGs; <c>Display:Board:SnapshotDir</c> when empty.</summary>
    public string? OutDir { get; set; }

    /// <summary>CJK font for the matrix signs' text.</summary>
    public string FontPath { get; set; } = Hosting.BoardOptions.DefaultFont;

    /// <summary>Column step when a matrix sign scrolls text wider than itself.</summary>
    public int ScrollStepMilliseconds { get; set; } = 60;

    public List<SignOptions> Devices { get; set; } = [];

    public bool Simulated => string.Equals(Mode, "simulated", StringComparison.Ordinal);
}

/// <summary>One sign (<c>Display:Signs:Devices:N:*</c>).</summary>
internal sealed class SignOptions
{
    public string Counter { get; set; } = string.Empty;

    /// <summary><c>max7219</c> (8×8 matrix modules on SPI) or <c>tm1637</c> (4 digits on two GPIO pins).</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>max7219: SPI bus and chip select (<c>/dev/spidev{bus}.{cs}</c>).</summary>
    public int SpiBus { get; set; }

    public int ChipSelect { get; set; }

    /// <summary>max7219: cascaded 8×8 modules.</summary>
    public int Modules { get; set; } = 4;

    /// <summary>max7219: <c>short</c> (the number, or 暂停服务) or <c>full</c> (the LED strip's text, scrolling).</summary>
    public string Content { get; set; } = "short";

    /// <summary>tm1637: GPIO pins (logical numbering).</summary>
    public int ClkPin { get; set; }

    public int DioPin { get; set; }

    /// <summary>0–15 for max7219, 0–7 for tm1637.</summary>
    public int Brightness { get; set; } = 4;
}

/// <summary><c>Display:WindowText:*</c>: what the window devices say, shared by bus strips and SPI/GPIO signs.</summary>
internal sealed class WindowTextOptions
{
    /// <summary>LED strip while serving; <c>{ticket}</c> and <c>{window}</c>.</summary>
    public string Serving { get; set; } = "{window} 请{ticket}号";

    /// <summary>LED strip while the window is open and nobody is being served.</summary>
    public string Idle { get; set; } = "{window}";

    public string Paused { get; set; } = "{window} 暂停服务";

    /// <summary>LED strip while nobody is signed in at the window (blank by default).</summary>
    public string Closed { get; set; } = string.Empty;
}
