using System.Diagnostics;
using System.Text.RegularExpressions;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Docs;

/// <summary>Every example of docs/mqtt-api.md and docs/http-api.md, run as written (port aside) against a fresh server.</summary>
public partial class DocumentedExamplesTests
{
    [Fact]
    public async Task Every_example_in_the_mqtt_api_doc_works_as_shown()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "docs", "mqtt-api.md"));
        var examples = Example().Matches(doc).Select(m => (Expect: m.Groups["expect"].Value, Script: m.Groups["script"].Value)).ToList();
        Assert.True(examples.Count >= 12, $"only {examples.Count} examples found in docs/mqtt-api.md");
        await using var server = await ServerProcess.StartAsync();

        foreach (var (expect, script) in examples)
        {
            var (exit, output) = await RunAsync(script.Replace("-p 1883", $"-p {server.MqttPort}", StringComparison.Ordinal));

            Assert.True(exit == 0, $"example exited {exit}:\n{script}\n{output}");
            Assert.True(output.Contains(expect, StringComparison.Ordinal), $"example did not print {expect}:\n{script}\n--- printed:\n{output}");
        }
    }

    [Fact]
    public async Task Every_example_in_the_http_api_doc_works_as_shown()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "docs", "http-api.md"));
        var examples = Example().Matches(doc).Select(m => (Expect: m.Groups["expect"].Value, Script: m.Groups["script"].Value)).ToList();
        Assert.True(examples.Count >= 10, $"only {examples.Count} examples found in docs/http-api.md");
        await using var server = await ServerProcess.StartAsync();
        var scratch = TempDir.Create("http-doc"); // the examples' cookie jar, instead of /tmp

        foreach (var (expect, script) in examples)
        {
            var run = script.Replace("localhost:5080", $"localhost:{server.HttpPort}", StringComparison.Ordinal).Replace("/tmp/", scratch + "/", StringComparison.Ordinal);
            var (exit, output) = await RunAsync(run);

            Assert.True(exit == 0, $"example exited {exit}:\n{script}\n{output}");
            Assert.True(output.Contains(expect, StringComparison.Ordinal), $"example did not print {expect}:\n{script}\n--- printed:\n{output}");
        }

        Directory.Delete(scratch, recursive: true);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string script)
    {
        var psi = new ProcessStartInfo("bash", ["-c", "set -e\n" + script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (p.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"<!-- expect: (?<expect>.+?) -->\s*```sh\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();
}
