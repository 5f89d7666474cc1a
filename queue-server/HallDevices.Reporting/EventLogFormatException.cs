namespace HallDevices.Reporting;

/// <summary>A line of an exported event log is not what the format says; <see cref="LineNumber"/> says which.</summary>
public sealed class EventLogFormatException : FormatException
{
    /// <summary>A bad line.</summary>
    public EventLogFormatException(long lineNumber, string reason, Exception? inner = null)
        : base($"exported event log, line {lineNumber}: {reason}", inner)
    {
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>Not for use: a bad line always has a number.</summary>
    public EventLogFormatException()
        : this(0, "bad line")
    {
    }

    /// <summary>Not for use: a bad line always has a number.</summary>
    public EventLogFormatException(string message)
        : this(0, message)
    {
    }

    /// <summary>Not for use: a bad line always has a number.</summary>
    public EventLogFormatException(string message, Exception innerException)
        : this(0, message, innerException)
    {
    }

    /// <summary>The bad line, 1-based (line 1 is the header).</summary>
    public long LineNumber { get; }

    /// <summary>What is wrong with it, without the line number.</summary>
    public string Reason { get; }
}
