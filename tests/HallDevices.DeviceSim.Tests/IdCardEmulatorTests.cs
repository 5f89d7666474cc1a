using HallDevices.Testing;
using System.IO.Ports;
using HallDevices.Devices.IdCard;

namespace HallDevices.DeviceSim.Tests;

public class IdCardEmulatorTests
{
    [Fact]
    public async Task The_reader_driver_reads_the_synthetic_card_the_simulator_places_over_a_real_pty()
    {
        await using var sim = await SimProcess.StartAsync("id-card", "--card", "7");
        Assert.NotNull(sim.HostPort);
        using var port = new SerialPort(sim.HostPort, 115200);
        port.Open();
        using var reader = new IdCardReader(port.BaseStream);

        var card = await reader.TryReadPresentedCardAsync();

        Assert.NotNull(card);
        Assert.Equal(SyntheticIdCards.Create(7).Text, card.Text);
        Assert.True(card.Text.HasValidIdNumber);

        await sim.SendAsync("remove");
        await sim.WaitForLineAsync(l => l == "card removed");
        Assert.Null(await reader.TryReadPresentedCardAsync());
        Assert.Equal(0, await sim.StopAsync());
    }

    [Fact]
    public async Task Without_a_port_the_simulator_makes_a_pty_pair_and_cleans_it_up()
    {
        string folder;
        await using (var sim = await SimProcess.StartAsync("id-card"))
        {
            Assert.True(File.Exists(sim.HostPort));
            folder = Path.GetDirectoryName(sim.HostPort)!;
            Assert.Equal(0, await sim.StopAsync());
        }

        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("id-card --card x", "--card takes a positive number")]
    [InlineData("teleporter", "unknown emulator 'teleporter'")]
    [InlineData("id-card --port", "expected --option VALUE")]
    public async Task A_bad_command_line_is_refused_with_exit_code_2_and_a_reason(string args, string reason)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "device-sim.dll"));
        foreach (var a in args.Split(' '))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.Equal(2, p.ExitCode);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
    }
}
