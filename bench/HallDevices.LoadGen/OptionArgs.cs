using System.Globalization;

namespace HallDevices.LoadGen;

/// <summary>The <c>--name value</c> command line both modes of the load generator read, and its value checks.</summary>
internal static class OptionArgs
{
    /// <summary>
    /// Applies each <c>--name value</c> pair to <paramref name="initial"/> with <paramref name="apply"/>
    /// (which throws <see cref="FormatException"/> for a bad value or, starting "unknown", a bad name);
    /// null and an error (null for <c>--help</c>) when the run should not start.
    /// </summary>
    public static T? Parse<T>(IReadOnlyList<string> args, T initial, Func<T, string, string, T> apply, out string? error)
        where T : class
    {
        var o = initial;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                return null;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }

            var value = args[++i];
            try
            {
                o = apply(o, name, value);
            }
            catch (FormatException e)
            {
                error = e.Message.StartsWith("unknown", StringComparison.Ordinal) ? e.Message : $"{name} {value}: {e.Message}";
                return null;
            }
        }

        return o;
    }

    /// <summary>A number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double Number(string value, double min, double max)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || double.IsNaN(n))
        {
            throw new FormatException("not a number");
        }

        return n >= min && n <= max ? n : throw new FormatException($"must be between {min} and {max}");
    }

    /// <summary>Seconds within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static TimeSpan Seconds(string value, double min, double max) => TimeSpan.FromSeconds(Number(value, min, max));

    /// <summary><c>KEY=VALUE</c>.</summary>
    public static KeyValuePair<string, string> EnvPair(string value)
    {
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? new(value[..eq], value[(eq + 1)..]) : throw new FormatException("expected KEY=VALUE");
    }

    /// <summary>The exception for a name that is not an option.</summary>
    public static FormatException Unknown(string name) => new($"unknown option {name}");
}
