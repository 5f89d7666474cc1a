namespace HallDevices.Queueing.Halls;

/// <summary>A hall file was rejected; <see cref="Field"/> names the JSON path at fault.</summary>
public sealed class HallConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HallConfigException(string field, string reason)
        : base($"hall file: {field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>The JSON path of the offending field, e.g. <c>services[3].queue</c>.</summary>
    public string Field { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
