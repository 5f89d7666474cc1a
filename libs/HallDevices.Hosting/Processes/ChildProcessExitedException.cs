namespace HallDevices.Hosting.Processes;

/// <summary>A child process ended while it was waited on (for a line, for health); the message shows its last output.</summary>
public sealed class ChildProcessExitedException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="name"/> exiting with <paramref name="exitCode"/>.</summary>
    public ChildProcessExitedException(string name, int exitCode, string tail)
        : base($"{name} exited with {exitCode}:\n{tail}")
    {
        Name = name;
        ExitCode = exitCode;
        Tail = tail;
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    public ChildProcessExitedException()
        : this("child process", 0, string.Empty)
    {
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    public ChildProcessExitedException(string message)
        : base(message)
    {
        Name = string.Empty;
        Tail = string.Empty;
    }

    /// <summary>Creates the exception with a message of its own and its cause.</summary>
    public ChildProcessExitedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Name = string.Empty;
        Tail = string.Empty;
    }

    /// <summary>The child's name.</summary>
    public string Name { get; }

    /// <summary>Its exit code (128+N: killed by signal N).</summary>
    public int ExitCode { get; }

    /// <summary>Its last output lines.</summary>
    public string Tail { get; }
}
