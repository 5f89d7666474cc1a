using System.IO.Ports;
using HallDevices.Devices.Modbus;
using HallDevices.DeviceSim.Emulators;
using HallDevices.Testing;
using SkiaSharp;

namespace HallDevices.DeviceSim.Tests;

/// <summary>The <c>bus</c> emulator: Modbus RTU slaves for keypads, evaluators and LED strips, fed hex frames and driven by the real master drivers.</summary>
public class BusEmulatorTests
{
    private static readonly string SampleMap = Path.Combine(Repo.Root, "device-sim", "HallDevices.DeviceSim", "bus-sample.json");

    private static (BusEmulatorHost Host, StringWriter Output) SampleBus()
    {
        var output = new StringWriter();
        return (new BusEmulatorHost(Stream.Null, BusMap.Load(SampleMap), output), output);
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    [Fact]
    public void The_sample_map_puts_a_keypad_an_evaluator_and_an_led_strip_on_each_window_w1_to_w6()
    {
        var map = BusMap.Load(SampleMap);

        Assert.Equal(18, map.Count);
        foreach (var w in Enumerable.Range(1, 6))
        {
            Assert.Contains(new BusDeviceEntry((byte)w, BusDeviceKind.Keypad, $"w{w}"), map);
            Assert.Contains(new BusDeviceEntry((byte)(10 + w), BusDeviceKind.Evaluator, $"w{w}"), map);
            Assert.Contains(new BusDeviceEntry((byte)(20 + w), BusDeviceKind.LedStrip, $"w{w}"), map);
        }
    }

    [Fact]
    public void A_key_press_on_stdin_appears_in_the_keypads_event_registers_read_with_function_03()
    {
        var (bus, _) = SampleBus();
        Assert.Equal(Hex(Hex("03 03 00 00 00 05 84 2B")), Hex(ModbusRtuCodec.ReadHoldingRegisters(3, 0, 5)));

        Assert.True(bus.Command("press 3 call-next"));
        Assert.Equal(Hex(Hex("03 03 0A 00 01 00 01 00 00 00 00 00 00 3E A4")), Hex(Assert.Single(bus.Feed(Hex("03 03 00 00 00 05 84 2B")))));

        Assert.True(bus.Command("press 3 finish"));
        Assert.Equal(Hex(Hex("03 03 0A 00 02 00 04 00 01 00 00 00 00 42 94")), Hex(Assert.Single(bus.Feed(Hex("03 03 00 00 00 05 84 2B")))));
    }

    [Fact]
    public void Text_written_to_a_strip_with_function_16_is_echoed_and_reported_as_what_the_strip_shows()
    {
        var (bus, output) = SampleBus();
        var request = ModbusRtuCodec.WriteMultipleRegisters(23, BusRegisters.StripTextLength, [4, 'A', '0', '0', '1']);
        Assert.Equal(Hex(Hex("17 10 00 01 00 05 0A 00 04 00 41 00 30 00 30 00 31 0D 46")), Hex(request));

        var reply = Assert.Single(bus.Feed(request));

        Assert.Equal(Hex(Hex("17 10 00 01 00 05 53 3C")), Hex(reply));
        Assert.Contains("led 23 (w3) shows \"A001\" brightness 8", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("led 23 (w3) shows \"A001\" brightness 8", bus.Describe(23));
    }

    [Fact]
    public void Chinese_written_to_a_keypad_display_with_function_16_is_echoed_and_reported_as_what_the_keypad_shows()
    {
        var (bus, output) = SampleBus();

        var reply = Assert.Single(bus.Feed(Hex("05 10 00 10 00 09 12 00 04 65 E0 4E BA 7B 49 50 19 00 00 00 00 00 00 00 00 10 EB")));

        Assert.Equal(Hex(Hex("05 10 00 10 00 09 00 4E")), Hex(reply));
        Assert.Contains("keypad 5 (w5) shows \"无人等候\"", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_evaluator_refuses_a_prompt_value_other_than_0_or_1_with_exception_03()
    {
        var (bus, output) = SampleBus();

        Assert.Equal(Hex(Hex("0D 06 00 10 00 01 49 03")), Hex(Assert.Single(bus.Feed(Hex("0D 06 00 10 00 01 49 03")))));
        Assert.Equal(Hex(Hex("0D 86 03 C2 62")), Hex(Assert.Single(bus.Feed(Hex("0D 06 00 10 00 02 09 02")))));
        Assert.Contains("evaluator 13 (w3) prompt on", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_for_an_address_not_on_the_map_and_noise_before_a_frame_get_no_stray_answer()
    {
        var (bus, _) = SampleBus();

        Assert.Empty(bus.Feed(Hex("63 03 00 00 00 01 8C 48")));
        var replies = bus.Feed(Hex("FF 00 13 03 03 00 00 00 05 84 2B"));

        Assert.Equal(Hex(Hex("03 03 0A 00 00 00 00 00 00 00 00 00 00")), Hex(Assert.Single(replies))[..26]);
    }

    [Fact]
    public void An_unplugged_strip_goes_silent_while_the_rest_of_the_bus_answers_and_comes_back_blank_when_plugged_in()
    {
        var (bus, output) = SampleBus();
        var readStrip = ModbusRtuCodec.ReadHoldingRegisters(25, BusRegisters.StripBrightness, 2);
        var readKeypad = ModbusRtuCodec.ReadHoldingRegisters(5, BusRegisters.EventSequence, 5);
        Assert.Single(bus.Feed(ModbusRtuCodec.WriteMultipleRegisters(25, BusRegisters.StripTextLength, [4, 'D', '0', '0', '1'])));

        Assert.True(bus.Command("unplug 25"));
        Assert.Empty(bus.Feed(readStrip));
        Assert.Empty(bus.Feed(ModbusRtuCodec.WriteMultipleRegisters(25, BusRegisters.StripTextLength, [1, 'X'])));
        Assert.Single(bus.Feed(readKeypad));
        Assert.Equal("led 25 (w5) unplugged", bus.Describe(25));

        Assert.True(bus.Command("plug 25"));
        // Brightness 8, no text: it restarted, and it never heard the write made while it was away.
        Assert.Equal(Hex(Hex("19 03 04 00 08 00 00")), Hex(Assert.Single(bus.Feed(readStrip)))[..14]);
        Assert.Equal("led 25 (w5) shows \"\" brightness 8", bus.Describe(25));
        Assert.Contains("led 25 (w5) unplugged", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("led 25 (w5) plugged in", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_pressed_on_an_unplugged_keypad_is_refused_and_is_not_read_after_it_is_plugged_back()
    {
        var (bus, output) = SampleBus();
        var poll = ModbusRtuCodec.ReadHoldingRegisters(5, BusRegisters.EventSequence, 5);

        Assert.True(bus.Command("unplug 5"));
        Assert.True(bus.Command("press 5 call-next"));
        Assert.True(bus.Command("plug 5"));

        Assert.Contains("keypad 5 (w5) is unplugged", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(Hex(Hex("05 03 0A 00 00 00 00 00 00 00 00 00 00")), Hex(Assert.Single(bus.Feed(poll)))[..26]);
    }

    [Theory]
    [InlineData("unplug 99", "no device at address 99")]
    [InlineData("plug 25", "led 25 (w5) is already plugged in")]
    [InlineData("press 99 call-next", "no keypad at address 99")]
    [InlineData("press 23 call-next", "no keypad at address 23")]
    [InlineData("press 3 dance", "key is call-next, recall, skip, finish or pause")]
    [InlineData("rate 13 6", "the score is 1..5")]
    [InlineData("rate 3 5", "no evaluator at address 3")]
    public void A_mistyped_command_says_what_is_wrong(string command, string message)
    {
        var (bus, output) = SampleBus();

        Assert.True(bus.Command(command));
        Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_map_with_a_duplicate_address_or_unknown_kind_is_refused_naming_the_entry()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"devices":[{"address":1,"kind":"keypad","counter":"w1"},{"address":1,"kind":"keypad","counter":"w2"}]}""");
        Assert.Contains("devices[1].address: 1 is used twice", Assert.Throws<InvalidDataException>(() => BusMap.Parse(doc.RootElement, "m.json")).Message, StringComparison.Ordinal);

        using var bad = System.Text.Json.JsonDocument.Parse("""{"devices":[{"address":1,"kind":"toaster","counter":"w1"}]}""");
        Assert.Contains("devices[0].kind", Assert.Throws<InvalidDataException>(() => BusMap.Parse(bad.RootElement, "m.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_master_drivers_read_presses_and_ratings_and_write_the_displays_over_a_pty()
    {
        var pictures = TempDir.Create("bus-png");
        await using var sim = await SimProcess.StartAsync("bus", "--config", SampleMap, "--out", pictures);
        Assert.NotNull(sim.HostPort);
        using var port = new SerialPort(sim.HostPort, 9600);
        port.Open();
        using var master = new ModbusRtuMaster(port.BaseStream, options: new ModbusMasterOptions { ResponseTimeout = TimeSpan.FromSeconds(1) });
        var keypad = new CallerKeypad(master, 3);
        var evaluator = new Evaluator(master, 13);
        var strip = new LedWindowStrip(master, 23);
        Assert.Empty(await keypad.PollAsync());
        Assert.Empty(await evaluator.PollAsync());

        await sim.SendAsync("press 3 call-next");
        await sim.WaitForLineAsync(l => l == "keypad 3 (w3) pressed call-next");
        await sim.SendAsync("press 3 recall");
        await sim.WaitForLineAsync(l => l == "keypad 3 (w3) pressed recall");
        await sim.SendAsync("rate 13 4");
        await sim.WaitForLineAsync(l => l == "evaluator 13 (w3) rated 4");

        Assert.Equal([KeypadKey.CallNext, KeypadKey.Recall], await keypad.PollAsync());
        Assert.Equal([4], await evaluator.PollAsync());

        await keypad.ShowAsync("A001");
        await sim.WaitForLineAsync(l => l == "keypad 3 (w3) shows \"A001\"");
        await strip.ShowTextAsync("3号窗口 请A001号");
        await sim.WaitForLineAsync(l => l == "led 23 (w3) shows \"3号窗口 请A001号\" brightness 8");
        var picture = await sim.WaitForLineAsync(l => l.StartsWith("led 23 (w3) picture ", StringComparison.Ordinal));
        Assert.Equal(Path.Combine(pictures, "led-w3.png"), picture["led 23 (w3) picture ".Length..]);
        using (var png = SKBitmap.Decode(Path.Combine(pictures, "led-w3.png")))
        {
            // Lit LEDs are drawn red: a strip with text has plenty of them.
            var lit = 0;
            for (var y = 0; y < png.Height; y++)
            {
                for (var x = 0; x < png.Width; x++)
                {
                    lit += png.GetPixel(x, y) == LedStripPictures.Lit ? 1 : 0;
                }
            }

            Assert.True(lit > 200, $"only {lit} lit pixels");
        }

        await sim.SendAsync("show");
        var shown = new List<string>();
        while (await sim.WaitForLineAsync(_ => true) is var line && line != "show end")
        {
            shown.Add(line);
        }

        Assert.Equal(18, shown.Count);
        Assert.Contains("keypad 3 (w3) shows \"A001\"", shown);
        Assert.Contains("led 23 (w3) shows \"3号窗口 请A001号\" brightness 8", shown);
        Assert.Contains("evaluator 13 (w3) prompt off", shown);
        Assert.Contains("led 21 (w1) shows \"\" brightness 8", shown);
        Assert.Equal(0, await sim.StopAsync());
        Directory.Delete(pictures, recursive: true);
    }

    [Fact]
    public async Task The_bus_emulator_refuses_to_start_without_a_config()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "device-sim.dll"));
        psi.ArgumentList.Add("bus");
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.Equal(2, p.ExitCode);
        Assert.Contains("--config FILE is required", stderr, StringComparison.Ordinal);
    }
}
