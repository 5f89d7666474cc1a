using Microsoft.Extensions.Options;

namespace HallDevices.Hosting;

/// <summary>
/// The entry wrapper of every app of the hall: a configuration mistake is the operator's to fix,
/// so it is reported as <c>{app}: {message}</c> on standard error, without a stack trace, and the
/// process exits with code 2 (the README and the start-up tests expect it).
/// </summary>
public static class HallApp
{
    /// <summary>The exit code of a configuration error.</summary>
    public const int ConfigurationErrorExitCode = 2;

    /// <summary>
    /// Runs <paramref name="body"/> and returns its exit code; a configuration error (an
    /// <see cref="OptionsValidationException"/>, or an exception <paramref name="isConfigurationError"/>
    /// accepts) returns <see cref="ConfigurationErrorExitCode"/> instead. Any other exception propagates.
    /// </summary>
    /// <param name="app">The app's name as the operator knows it, e.g. <c>queue-server</c>.</param>
    /// <param name="body">Builds and runs the app; returns its exit code.</param>
    /// <param name="isConfigurationError">The app's own configuration exceptions (e.g. a bad hall file); none when null.</param>
    /// <param name="error">Where the message goes; <see cref="Console.Error"/> when null.</param>
    public static int Run(string app, Func<int> body, Func<Exception, bool>? isConfigurationError = null, TextWriter? error = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (Exception e) when (e is OptionsValidationException || (isConfigurationError?.Invoke(e) ?? false))
        {
            (error ?? Console.Error).WriteLine($"{app}: {e.Message}");
            return ConfigurationErrorExitCode;
        }
    }
}
