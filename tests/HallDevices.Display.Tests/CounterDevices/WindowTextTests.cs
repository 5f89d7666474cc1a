using HallDevices.Contracts;
using HallDevices.Devices.Modbus;
using HallDevices.Display.Board;
using HallDevices.Display.CounterDevices;

namespace HallDevices.Display.Tests.CounterDevices;

/// <summary>What the keypad says, and that the register map takes every word of it.</summary>
public sealed class WindowTextTests
{
    private static readonly string[] Actions = ["call-next", "recall", "skip", "finish", "pause", "resume"];

    private static readonly string[] ErrorCodes =
        ["counter-closed", "counter-paused", "not-serving", "ticket-in-progress", "counter-occupied", "staff-elsewhere", "unknown-counter", "something-new"];

    [Fact]
    public void Call_next_with_nobody_waiting_answers_无人等候_and_a_called_number_answers_the_number()
    {
        Assert.Equal("无人等候", WindowText.KeypadDone("call-next", ticket: null));
        Assert.Equal("D001", WindowText.KeypadDone("call-next", "D001"));
        Assert.Equal("A012", WindowText.KeypadDone("recall", "A012"));
        Assert.Equal("窗口未登录", WindowText.KeypadError("counter-closed"));
        Assert.Equal("暂停服务", WindowText.Keypad(new CounterStateMessage("w5", "5号窗口", "paused", null, "li", DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void Every_keypad_text_fits_the_display_registers_so_the_bus_never_refuses_a_reply()
    {
        var texts = Actions.Select(a => WindowText.KeypadDone(a, null))
            .Concat(ErrorCodes.Select(WindowText.KeypadError))
            .Concat(new[] { "serving", "paused", "idle", "closed" }.Select(s => WindowText.Keypad(new CounterStateMessage("w5", "5号窗口", s, "D001", "li", DateTimeOffset.UnixEpoch))))
            .Append(WindowText.KeypadNoServer)
            .Append(WindowText.KeypadDone("call-next", "VERYLONGTICKET\u0007NUMBER"))
            .ToList();

        foreach (var text in texts)
        {
            var registers = KeypadText.Encode(text);
            Assert.Equal(text, KeypadText.Decode(registers));
        }

        // Chinese goes onto the bus as it is, not as an English stand-in.
        Assert.Contains(texts, t => t.Any(c => c > '\u2E80'));
    }
}
