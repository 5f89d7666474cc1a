namespace HallDevices.Devices.Modbus;

/// <summary>Settings for <see cref="ModbusRtuMaster"/>.</summary>
public sealed class ModbusMasterOptions
{
    /// <summary>Wait for one reply (a 250-byte reply takes ~26 ms at 9600 baud).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Extra attempts after a timeout. Exception replies are answers and are never retried.</summary>
    public int Retries { get; set; } = 2;
}
