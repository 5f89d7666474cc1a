namespace HallDevices.QueueServer.Staff;

/// <summary>
/// <c>queue-server set-password ID [--name N --role R --halls H1,H2 --counters W1,W2] [--Staff:File=PATH]</c>:
/// sets or resets an account's password in the staff file, creating the account when the name,
/// role and halls are given. The password is read from standard input (not the command line, which
/// other users of the machine can see): typed twice without echo on a terminal, one line from a pipe.
/// </summary>
public static class StaffCli
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinimumLength = 8;

    /// <summary>Runs the command; returns the exit code (0 done, 2 wrong use).</summary>
    public static int SetPassword(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var config = new List<string>();
        string? id = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--name" or "--role" or "--halls" or "--counters" && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                config.Add(args[i]);
            }
            else if (id is null)
            {
                id = args[i];
            }
            else
            {
                return Usage(error, $"unexpected argument '{args[i]}'");
            }
        }

        if (id is null)
        {
            return Usage(error, "the staff id is missing");
        }

        var file = StaffDirectory.ResolvePath(WebApplication.CreateBuilder([.. config]).Configuration[$"{StaffOptions.Section}:File"] ?? new StaffOptions().File);
        var accounts = File.Exists(file) ? StaffFile.Read(file).ToList() : [];
        var index = accounts.FindIndex(a => a.Id == id);
        var account = index >= 0 ? accounts[index] : new StaffAccount { Id = id };
        account = account with
        {
            Name = options.GetValueOrDefault("name", account.Name),
            Role = options.GetValueOrDefault("role", account.Role),
            Halls = options.TryGetValue("halls", out var halls) ? Split(halls) : account.Halls,
            Counters = options.TryGetValue("counters", out var counters) ? Split(counters) : account.Counters,
        };
        if (StaffFile.Problem(account, []) is { } problem)
        {
            return Usage(error, index >= 0 ? problem : $"{problem} (a new account needs --name, --role and --halls)");
        }

        var password = ReadPassword(input, error);
        if (password is null || password.Length < MinimumLength)
        {
            error.WriteLine($"set-password: a password of at least {MinimumLength} characters is required; nothing was changed");
            return 2;
        }

        account = account with { PasswordHash = StaffDirectory.Hash(password) };
        if (index >= 0)
        {
            accounts[index] = account;
        }
        else
        {
            accounts.Add(account);
        }

        StaffFile.Write(file, accounts);
        output.WriteLine($"{(index >= 0 ? "password reset" : "account created")}: {account.Id} ({account.Role}, halls {string.Join(',', account.Halls)}) in {file}");
        return 0;
    }

    private static string? ReadPassword(TextReader input, TextWriter error)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return input.ReadLine();
        }

        error.Write("new password: ");
        var first = ReadHidden();
        error.Write("again: ");
        var second = ReadHidden();
        if (first != second)
        {
            error.WriteLine("set-password: the two passwords differ");
            return null;
        }

        return first;
    }

    private static string ReadHidden()
    {
        var text = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && text.Length > 0)
            {
                text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Usage(TextWriter error, string problem)
    {
        error.WriteLine($"set-password: {problem}");
        error.WriteLine("usage: queue-server set-password ID [--name NAME --role window-staff|hall-manager|district-viewer --halls HALL[,HALL] [--counters W1,W2]] [--Staff:File=PATH]");
        error.WriteLine("       the password is read from standard input");
        return 2;
    }
}
