using System.Text.RegularExpressions;

namespace HallDevices.Kiosk.Flows;

/// <summary>Configuration <c>Kiosk:PassCodes</c>: which scanned pass codes (亮码) let a citizen take a ticket.</summary>
public sealed class PassCodeOptions
{
    /// <summary>
    /// Regular expression a pass code must match, with a named group <c>color</c>. The default reads
    /// codes such as <c>HC1:green:8f3a…</c> issued by the regional pass-code service.
    /// </summary>
    public string Pattern { get; set; } = "^HC1:(?<color>[a-z]+):[0-9A-Za-z]{4,64}$";

    /// <summary>Colours that may take a ticket; any other colour is sent to the guide desk.</summary>
    public List<string> Accept { get; set; } = ["green"];
}

/// <summary>What the kiosk makes of a pass code.</summary>
/// <param name="Accepted">True when the citizen may go on to choose a service.</param>
/// <param name="Color">The colour read from the code, if it had the pass-code format.</param>
/// <param name="Reason">Why not: <c>pass-refused</c> (a colour not accepted) or <c>unknown-code</c>.</param>
public sealed record PassCodeCheck(bool Accepted, string? Color, string? Reason);

/// <summary>Checks scanned pass codes against <see cref="PassCodeOptions"/>. Never throws on input.</summary>
public sealed class PassCodePolicy
{
    private readonly Regex _pattern;
    private readonly HashSet<string> _accept;

    /// <summary>Creates the policy; a bad pattern fails at start-up, not at the first scan.</summary>
    public PassCodePolicy(PassCodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pattern = new Regex(options.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
        if (Array.IndexOf(_pattern.GetGroupNames(), "color") < 0)
        {
            throw new ArgumentException("Kiosk:PassCodes:Pattern needs a named group 'color'", nameof(options));
        }

        _accept = new HashSet<string>(options.Accept, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True when the text looks like a pass code at all.</summary>
    public bool Recognises(string code) => Match(code) is not null;

    /// <summary>Checks a scanned code.</summary>
    public PassCodeCheck Check(string code)
    {
        var m = Match(code);
        if (m is null)
        {
            return new PassCodeCheck(false, null, "unknown-code");
        }

        var color = m.Groups["color"].Value;
        return _accept.Contains(color) ? new PassCodeCheck(true, color, null) : new PassCodeCheck(false, color, "pass-refused");
    }

    private Match? Match(string code)
    {
        try
        {
            var m = _pattern.Match(code ?? "");
            return m.Success ? m : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
