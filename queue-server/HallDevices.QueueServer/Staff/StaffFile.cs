using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace HallDevices.QueueServer.Staff;

/// <summary>
/// The staff file: <c>{"accounts":[{"id":...,"name":...,"role":...,"halls":[...],"counters":[...],"passwordHash":...}]}</c>.
/// Read strictly (a bad entry names its JSON path) and written atomically, so a crash while
/// <c>set-password</c> writes never leaves half a file.
/// </summary>
public static partial class StaffFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads and checks the file; throws <see cref="StartupException"/> naming the file and the bad field.</summary>
    public static IReadOnlyList<StaffAccount> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new StartupException($"staff file {path} does not exist (Staff:File); create it with `queue-server set-password`, see README \"Accounts and roles\"");
        }

        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new StartupException($"staff file {path}: {e.Path ?? "$"}: {e.Message}");
        }

        var accounts = document?.Accounts ?? throw new StartupException($"staff file {path}: $.accounts is missing");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < accounts.Count; i++)
        {
            if (Problem(accounts[i], seen) is { } problem)
            {
                throw new StartupException($"staff file {path}: $.accounts[{i}].{problem}");
            }
        }

        return accounts;
    }

    /// <summary>Writes the accounts to <paramref name="path"/> (a temporary file renamed over the old one).</summary>
    public static void Write(string path, IReadOnlyList<StaffAccount> accounts)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(new Document { Accounts = [.. accounts] }, Json) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>What is wrong with one account (a field name and why), or null.</summary>
    internal static string? Problem(StaffAccount a, HashSet<string> seen)
    {
        if (!IdPattern().IsMatch(a.Id ?? ""))
        {
            return $"id: '{a.Id}' must be 1-64 lower-case letters, digits, '.', '_' or '-'";
        }

        if (!seen.Add(a.Id!))
        {
            return $"id: '{a.Id}' is there twice";
        }

        if (string.IsNullOrWhiteSpace(a.Name))
        {
            return "name: required";
        }

        if (!StaffRoles.Staff.Contains(a.Role, StringComparer.Ordinal))
        {
            return $"role: '{a.Role}' is not one of {string.Join(", ", StaffRoles.Staff)}";
        }

        if (a.Halls is not { Count: > 0 } || a.Halls.Any(string.IsNullOrWhiteSpace))
        {
            return "halls: at least one hall id (or \"*\") is required";
        }

        if (a.Halls.Contains("*") && a.Role != StaffRoles.DistrictViewer)
        {
            return "halls: \"*\" (every hall) is for district viewers only";
        }

        return a.Counters is null || a.Counters.Any(string.IsNullOrWhiteSpace) ? "counters: an empty counter id" : null;
    }

    /// <summary>True when <paramref name="id"/> has the form of an account id (so it may be logged).</summary>
    public static bool IsWellFormedId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();

    private sealed class Document
    {
        public List<StaffAccount>? Accounts { get; set; }
    }
}
