using System.Text;
using CsCheck;
using HallDevices.Devices.Modbus;
using HallDevices.Devices.Serial;
using HallDevices.Devices.Tests.Support;

namespace HallDevices.Devices.Tests.Modbus;

public class ModbusTests
{
    [Fact]
    public void Crc16_modbus_matches_the_catalogue_check_value_and_the_spec_example_frame()
    {
        Assert.Equal(0x4B37, ModbusCrc.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal("01030000000AC5CD", Hex.Of(ModbusRtuCodec.ReadHoldingRegisters(1, 0, 10)));
        Assert.True(ModbusCrc.Check(Hex.Bytes("01 03 00 00 00 0A C5 CD")));
        Assert.False(ModbusCrc.Check(Hex.Bytes("01 03 00 00 00 0A C5 CE")));
    }

    [Fact]
    public void Write_requests_carry_address_value_count_and_byte_count_big_endian()
    {
        byte[] single = ModbusRtuCodec.WriteSingleRegister(0x11, 0x0010, 0xABCD);
        Assert.Equal("1106 0010 ABCD".Replace(" ", ""), Hex.Of(single.AsSpan(0, 6)));
        byte[] multi = ModbusRtuCodec.WriteMultipleRegisters(0x11, 0x0001, [0x000A, 0x0102]);
        Assert.Equal("1110 0001 0002 04 000A 0102".Replace(" ", ""), Hex.Of(multi.AsSpan(0, 11)));
        Assert.True(ModbusCrc.Check(single) && ModbusCrc.Check(multi));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRtuCodec.WriteMultipleRegisters(1, 0, new ushort[124]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRtuCodec.ReadHoldingRegisters(1, 0, 126));
    }

    private static readonly byte[] Read2 = ModbusRtuCodec.ReadHoldingRegisters(5, 0x10, 2);
    private static readonly byte[] Reply2 = ModbusRtuCodec.ReadResponse(5, [0x1234, 0x5678]);

    [Fact]
    public void Master_decodes_a_good_read_reply()
    {
        Assert.True(ModbusRtuCodec.TryDecodeResponse(Read2, Reply2, out var r, out int used));
        Assert.Equal([0x1234, 0x5678], r!.Registers);
        Assert.Null(r.Exception);
        Assert.Equal(Reply2.Length, used);
    }

    [Theory]
    [InlineData(ModbusExceptionCode.IllegalFunction)]
    [InlineData(ModbusExceptionCode.IllegalDataAddress)]
    [InlineData(ModbusExceptionCode.IllegalDataValue)]
    [InlineData(ModbusExceptionCode.SlaveDeviceFailure)]
    [InlineData(ModbusExceptionCode.SlaveDeviceBusy)]
    public void Master_decodes_each_exception_reply(ModbusExceptionCode code)
    {
        byte[] reply = ModbusRtuCodec.ExceptionResponse(5, 0x03, code);
        Assert.Equal(0x83, reply[1]);
        Assert.True(ModbusRtuCodec.TryDecodeResponse(Read2, reply, out var r, out _));
        Assert.Equal(code, r!.Exception);
    }

    [Fact]
    public void Master_skips_noise_a_corrupt_reply_and_another_slaves_reply_before_its_own()
    {
        byte[] corrupt = (byte[])Reply2.Clone();
        corrupt[4] ^= 0x40;
        byte[] other = ModbusRtuCodec.ReadResponse(6, [1, 2]);
        byte[] all = Hex.Concat(Hex.Bytes("00 FF 05"), corrupt, other, Reply2);
        Assert.True(ModbusRtuCodec.TryDecodeResponse(Read2, all, out var r, out int used));
        Assert.Equal([0x1234, 0x5678], r!.Registers);
        Assert.Equal(all.Length, used);
    }

    [Fact]
    public void Master_waits_on_a_truncated_reply_and_rejects_a_wrong_byte_count()
    {
        Assert.False(ModbusRtuCodec.TryDecodeResponse(Read2, Reply2.AsSpan(0, Reply2.Length - 1), out _, out _));
        byte[] wrongCount = ModbusCrc.Seal(Hex.Bytes("05 03 02 12 34 56 78"));
        Assert.False(ModbusRtuCodec.TryDecodeResponse(Read2, wrongCount, out _, out _));
    }

    private static List<ModbusRequest> DecodeRequests(byte[] bytes)
    {
        var d = new ModbusSlaveDecoder();
        d.Append(bytes);
        var list = new List<ModbusRequest>();
        while (d.TryReadRequest(out var r))
        {
            list.Add(r!);
        }

        return list;
    }

    [Fact]
    public void Slave_decodes_two_requests_in_one_read_after_noise_and_a_bad_crc_frame()
    {
        byte[] bad = ModbusRtuCodec.WriteSingleRegister(1, 2, 3);
        bad[^1] ^= 1;
        var reqs = DecodeRequests(Hex.Concat(Hex.Bytes("FF 00 13"), bad, ModbusRtuCodec.ReadHoldingRegisters(1, 0, 5), ModbusRtuCodec.WriteMultipleRegisters(2, 7, [9, 10, 11])));
        Assert.Equal(2, reqs.Count);
        Assert.Equal((1, 0x03, 0, 5), (reqs[0].Slave, reqs[0].Function, reqs[0].Address, reqs[0].Count));
        Assert.Equal((2, 0x10, 7, 3), (reqs[1].Slave, reqs[1].Function, reqs[1].Address, reqs[1].Count));
        Assert.Equal([9, 10, 11], reqs[1].Values);
    }

    [Fact]
    public void Slave_waits_for_a_truncated_request_to_complete()
    {
        byte[] req = ModbusRtuCodec.WriteMultipleRegisters(3, 1, [1, 2]);
        var d = new ModbusSlaveDecoder();
        d.Append(req.AsSpan(0, 9));
        Assert.False(d.TryReadRequest(out _));
        d.Append(req.AsSpan(9));
        Assert.True(d.TryReadRequest(out var r));
        Assert.Equal([1, 2], r!.Values);
    }

    [Fact]
    public void Bus_answers_an_unknown_function_with_illegal_function_and_a_bad_address_with_illegal_address()
    {
        var bus = new ModbusSlaveBus();
        bus.Add(1, new EvaluatorRegisters());
        byte[] fn4 = ModbusCrc.Seal(Hex.Bytes("01 04 00 00 00 01"));
        Assert.Equal(Hex.Of(ModbusRtuCodec.ExceptionResponse(1, 4, ModbusExceptionCode.IllegalFunction)), Hex.Of(bus.Feed(fn4).Single()));
        byte[] far = ModbusRtuCodec.ReadHoldingRegisters(1, 0x100, 1);
        Assert.Equal(Hex.Of(ModbusRtuCodec.ExceptionResponse(1, 3, ModbusExceptionCode.IllegalDataAddress)), Hex.Of(bus.Feed(far).Single()));
        byte[] readOnly = ModbusRtuCodec.WriteSingleRegister(1, 0, 7);
        Assert.Equal(0x86, bus.Feed(readOnly).Single()[1]);
    }

    [Fact]
    public void Bus_stays_silent_for_absent_slaves_and_applies_broadcasts_without_replying()
    {
        var bus = new ModbusSlaveBus();
        var strip = new LedStripRegisters();
        bus.Add(9, strip);
        Assert.Empty(bus.Feed(ModbusRtuCodec.ReadHoldingRegisters(8, 0, 1)));
        Assert.Empty(bus.Feed(ModbusRtuCodec.WriteSingleRegister(0, BusRegisters.StripBrightness, 3)));
        Assert.Equal(3, strip.Brightness);
    }

    private static (ModbusRtuMaster Master, ModbusSlaveBus Bus, LoopbackStream Stream) Setup(Func<ModbusSlaveBus, byte[], IEnumerable<byte[]>>? wire = null)
    {
        var bus = new ModbusSlaveBus();
        var stream = new LoopbackStream(b => wire is null ? bus.Feed(b) : wire(bus, b));
        var master = new ModbusRtuMaster(stream, options: new ModbusMasterOptions { ResponseTimeout = TimeSpan.FromMilliseconds(40), Retries = 2 });
        return (master, bus, stream);
    }

    [Fact]
    public async Task Keypad_presses_arrive_in_order_once_and_the_display_shows_the_number()
    {
        var (master, bus, _) = Setup();
        var regs = new KeypadRegisters();
        bus.Add(3, regs);
        var keypad = new CallerKeypad(master, 3);
        regs.Press(KeypadKey.Skip);
        Assert.Empty(await keypad.PollAsync());
        regs.Press(KeypadKey.CallNext);
        regs.Press(KeypadKey.Recall);
        Assert.Equal([KeypadKey.CallNext, KeypadKey.Recall], await keypad.PollAsync());
        Assert.Empty(await keypad.PollAsync());
        foreach (var k in new[] { KeypadKey.Finish, KeypadKey.Pause, KeypadKey.CallNext, KeypadKey.Skip, KeypadKey.Recall, KeypadKey.Finish })
        {
            regs.Press(k);
        }

        Assert.Equal([KeypadKey.CallNext, KeypadKey.Skip, KeypadKey.Recall, KeypadKey.Finish], await keypad.PollAsync());
        Assert.Equal(2, keypad.LostEvents);
        await keypad.ShowAsync("A012");
        Assert.Equal("A012", regs.DisplayText);
        Assert.Throws<ArgumentException>(() => KeypadText.Encode("A0123456789"));
    }

    [Fact]
    public void Keypad_display_text_is_a_length_register_then_one_utf16_code_unit_per_register_so_无人等候_travels_as_it_is()
    {
        Assert.Equal([0x0004, 0x65E0, 0x4EBA, 0x7B49, 0x5019, 0, 0, 0, 0], KeypadText.Encode("无人等候"));
        Assert.Equal([0x0004, 'D', '0', '0', '1', 0, 0, 0, 0], KeypadText.Encode("D001"));
        Assert.Equal(
            "05 10 0010 0009 12 0004 65E0 4EBA 7B49 5019 0000 0000 0000 0000 10EB".Replace(" ", ""),
            Hex.Of(ModbusRtuCodec.WriteMultipleRegisters(5, BusRegisters.KeypadDisplay, KeypadText.Encode("无人等候"))));

        Assert.Equal("无人等候", KeypadText.Decode([0x0004, 0x65E0, 0x4EBA, 0x7B49, 0x5019, 0x0041, 0, 0, 0]));
        Assert.Equal("暂停服务", KeypadText.Decode(KeypadText.Encode("暂停服务")));
        Assert.Equal(string.Empty, KeypadText.Decode(KeypadText.Encode(string.Empty)));
        Assert.Throws<ArgumentException>(() => KeypadText.Encode("服务器没有任何响应"));
        Assert.Throws<ArgumentException>(() => KeypadText.Encode("A012\n"));
    }

    [Fact]
    public void Keypad_answers_a_display_write_with_the_function_16_echo_and_refuses_a_length_above_8_with_exception_03()
    {
        var bus = new ModbusSlaveBus();
        var regs = new KeypadRegisters();
        bus.Add(5, regs);

        var echo = Assert.Single(bus.Feed(Hex.Bytes("05 10 0010 0009 12 0004 65E0 4EBA 7B49 5019 0000 0000 0000 0000 10EB")));
        Assert.Equal("05 10 0010 0009 004E".Replace(" ", ""), Hex.Of(echo));
        Assert.Equal("无人等候", regs.DisplayText);

        var refused = Assert.Single(bus.Feed(Hex.Bytes("05 10 0010 0009 12 0009 0041 0041 0041 0041 0041 0041 0041 0041 F126")));
        Assert.Equal("05 90 03 4DC0".Replace(" ", ""), Hex.Of(refused));
        Assert.Equal("无人等候", regs.DisplayText);
    }

    [Fact]
    public async Task Keypad_events_are_not_lost_when_the_sequence_wraps_past_65535()
    {
        var (master, bus, _) = Setup();
        var regs = new KeypadRegisters();
        regs[BusRegisters.EventSequence] = 65534;
        bus.Add(3, regs);
        var keypad = new CallerKeypad(master, 3);
        await keypad.PollAsync();
        regs.Press(KeypadKey.Pause);
        regs.Press(KeypadKey.Finish);
        regs.Press(KeypadKey.CallNext);
        Assert.Equal(1, regs[BusRegisters.EventSequence]);
        Assert.Equal([KeypadKey.Pause, KeypadKey.Finish, KeypadKey.CallNext], await keypad.PollAsync());
        Assert.Equal(0, keypad.LostEvents);
    }

    [Fact]
    public async Task Evaluator_scores_and_prompt_round_trip_and_an_invalid_prompt_value_is_refused()
    {
        var (master, bus, _) = Setup();
        var regs = new EvaluatorRegisters();
        bus.Add(4, regs);
        var evaluator = new Evaluator(master, 4);
        await evaluator.PollAsync();
        regs.Press(5);
        regs.Press(1);
        Assert.Equal([5, 1], await evaluator.PollAsync());
        await evaluator.SetPromptAsync(true);
        Assert.True(regs.Prompt);
        var ex = await Assert.ThrowsAsync<ModbusException>(() => master.WriteSingleRegisterAsync(4, BusRegisters.EvaluatorPrompt, 2));
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, ex.Code);
    }

    [Fact]
    public async Task Led_strip_shows_chinese_text_and_brightness_and_refuses_brightness_above_15()
    {
        var (master, bus, _) = Setup();
        var regs = new LedStripRegisters();
        int changes = 0;
        regs.Changed += (_, _) => changes++;
        bus.Add(7, regs);
        var strip = new LedWindowStrip(master, 7);
        await strip.ShowTextAsync("请A012号到3号窗口");
        await strip.SetBrightnessAsync(12);
        Assert.Equal("请A012号到3号窗口", regs.Text);
        Assert.Equal(12, regs.Brightness);
        Assert.Equal(2, changes);
        var ex = await Assert.ThrowsAsync<ModbusException>(() => master.WriteSingleRegisterAsync(7, BusRegisters.StripBrightness, 16));
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, ex.Code);
    }

    [Fact]
    public async Task Master_retries_a_lost_reply_and_succeeds_on_the_second_attempt()
    {
        int calls = 0;
        var (master, bus, stream) = Setup((b, bytes) => ++calls == 1 ? [] : b.Feed(bytes));
        bus.Add(1, new LedStripRegisters());
        Assert.Equal([8], await master.ReadHoldingRegistersAsync(1, 0, 1));
        Assert.Equal(2, stream.Written.Count);
    }

    [Fact]
    public async Task Master_gives_up_with_a_timeout_after_all_retries_and_never_retries_an_exception()
    {
        var (master, bus, stream) = Setup();
        await Assert.ThrowsAsync<TimeoutException>(() => master.ReadHoldingRegistersAsync(1, 0, 1));
        Assert.Equal(3, stream.Written.Count);
        bus.Add(2, new EvaluatorRegisters());
        await Assert.ThrowsAsync<ModbusException>(() => master.ReadHoldingRegistersAsync(2, 0x50, 1));
        Assert.Equal(4, stream.Written.Count);
    }

    [Fact]
    public async Task Led_strip_is_read_back_with_one_function_03_request_for_brightness_and_text_length()
    {
        var (master, bus, stream) = Setup();
        var regs = new LedStripRegisters();
        bus.Add(0x19, regs);
        var strip = new LedWindowStrip(master, 0x19);

        Assert.Equal(new LedStripReading(8, 0), await strip.ReadAsync());
        Assert.Equal("19 03 0000 0002 C7 D3".Replace(" ", ""), Hex.Of(stream.Written[^1]));

        await strip.ShowTextAsync("5号窗口");
        Assert.Equal(new LedStripReading(8, 4), await strip.ReadAsync());
    }

    [Fact]
    public async Task Keypad_display_and_evaluator_prompt_are_read_back_with_one_function_03_request_each_and_come_back_blank_after_a_restart()
    {
        var (master, bus, stream) = Setup();
        bus.Add(5, new KeypadRegisters());
        bus.Add(4, new EvaluatorRegisters());
        var keypad = new CallerKeypad(master, 5);
        var evaluator = new Evaluator(master, 4);
        await keypad.ShowAsync("无人等候");
        await evaluator.SetPromptAsync(true);

        Assert.Equal("无人等候", await keypad.ReadTextAsync());
        Assert.Equal("05 03 0010 0009 85 8D".Replace(" ", ""), Hex.Of(stream.Written[^1]));
        Assert.True(await evaluator.ReadPromptAsync());
        Assert.Equal("04 03 0010 0001 85 9A".Replace(" ", ""), Hex.Of(stream.Written[^1]));

        // Powered on again: same addresses, fresh registers.
        bus.Add(5, new KeypadRegisters());
        bus.Add(4, new EvaluatorRegisters());
        Assert.Equal(string.Empty, await keypad.ReadTextAsync());
        Assert.False(await evaluator.ReadPromptAsync());
    }

    [Fact]
    public async Task Master_sends_a_request_made_while_an_earlier_write_is_still_blocked_once_the_line_frees_and_reads_its_reply()
    {
        // The first write blocks (a line nobody drains) until the test opens the gate.
        var bus = new ModbusSlaveBus();
        bus.Add(1, new LedStripRegisters());
        bus.Add(2, new EvaluatorRegisters());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new LoopbackStream(bytes => bus.Feed(bytes), gate.Task);
        using var master = new ModbusRtuMaster(stream, options: new ModbusMasterOptions { ResponseTimeout = TimeSpan.FromSeconds(1), Retries = 0 });

        await Assert.ThrowsAsync<TimeoutException>(() => master.ReadHoldingRegistersAsync(1, 0, 1));
        var second = master.ReadHoldingRegistersAsync(2, BusRegisters.EvaluatorPrompt, 1);
        gate.SetResult();

        // Slave 1's late reply comes first and is skipped; slave 2's request went out after it.
        Assert.Equal([0], await second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([ModbusRtuCodec.ReadHoldingRegisters(1, 0, 1), ModbusRtuCodec.ReadHoldingRegisters(2, BusRegisters.EvaluatorPrompt, 1)], stream.Written);
    }

    [Fact]
    public void Fuzz_slave_and_master_decoders_survive_random_and_mutated_frames()
    {
        byte[] good = Hex.Concat(ModbusRtuCodec.ReadHoldingRegisters(1, 0, 5), ModbusRtuCodec.WriteMultipleRegisters(1, 2, [1, 2, 3]), ModbusRtuCodec.WriteSingleRegister(1, 1, 1));
        Gen.Byte.Array[0, 300].Select(Gen.Int).Sample((noise, seed) =>
        {
            var rng = new Random(seed);
            byte[] mutated = (byte[])good.Clone();
            mutated[rng.Next(mutated.Length)] ^= (byte)(1 + rng.Next(255));
            var bus = new ModbusSlaveBus();
            bus.Add(1, new LedStripRegisters());
            bus.Feed(noise);
            bus.Feed(mutated);
            ModbusRtuCodec.TryDecodeResponse(Read2, noise, out _, out _);
            ModbusRtuCodec.TryDecodeResponse(Read2, Hex.Concat(noise, Reply2), out var r, out _);
            // Whatever noise came first, the real reply is still found.
            Assert.NotNull(r);
        }, iter: 3000);
    }

    [Fact]
    public async Task Master_and_slave_bus_talk_over_a_real_pty_pair()
    {
        using var pty = VirtualSerialPair.Create();
        using var host = SerialHelpers.Open(pty.HostPath, 9600);
        using var device = SerialHelpers.Open(pty.DevicePath, 9600);
        var bus = new ModbusSlaveBus();
        var keypad = new KeypadRegisters();
        var strip = new LedStripRegisters();
        bus.Add(1, keypad);
        bus.Add(2, strip);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var serve = SerialHelpers.Serve(device, bytes => { lock (bus) { return bus.Feed(bytes); } }, cts.Token);
        using var master = new ModbusRtuMaster(host.BaseStream, options: new ModbusMasterOptions { ResponseTimeout = TimeSpan.FromSeconds(1) });
        var caller = new CallerKeypad(master, 1);
        await caller.PollAsync(cts.Token);
        lock (bus)
        {
            keypad.Press(KeypadKey.CallNext);
        }

        Assert.Equal([KeypadKey.CallNext], await caller.PollAsync(cts.Token));
        await new LedWindowStrip(master, 2).ShowTextAsync("A013 → 3号窗口", cts.Token);
        Assert.Equal("A013 → 3号窗口", strip.Text);
        cts.Cancel();
        await serve;
    }
}
