namespace HallDevices.Queueing.Engine;

/// <summary>Why the engine refused a command; <see cref="Code"/> is a stable kebab-case code for clients.</summary>
/// <param name="Code">Stable code, one of <see cref="HallDevices.Contracts.ErrorCodes"/>.</param>
/// <param name="Message">Human-readable explanation.</param>
public sealed record QueueError(string Code, string Message);

/// <summary>The result of an engine command: a value, or a <see cref="QueueError"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed record Outcome<T>
{
    private Outcome(T? value, QueueError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when the command succeeded (may itself be null, e.g. call-next with nobody waiting).</summary>
    public T? Value { get; }

    /// <summary>The refusal, when the command failed.</summary>
    public QueueError? Error { get; }

    /// <summary>True when the command succeeded.</summary>
    public bool IsOk => Error is null;

    /// <summary>A success.</summary>
    public static Outcome<T> Success(T? value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static Outcome<T> Fail(string code, string message) => new(default, new QueueError(code, message));
}
