using HallDevices.Devices.IdCard;
using HallDevices.Devices.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Devices.Tests.IdCard;

public class IdCardReaderTests
{
    private static (IdCardReader Reader, LoopbackStream Stream, IdCardReaderEmulator Emulator, List<IdCardPresentedEventArgs> Events) Setup(
        Func<IdCardReaderEmulator, byte[], IEnumerable<byte[]>>? responder = null, TimeProvider? time = null)
    {
        var emulator = new IdCardReaderEmulator();
        var stream = new LoopbackStream(bytes => responder is null ? emulator.Feed(bytes) : responder(emulator, bytes));
        var reader = new IdCardReader(stream, time);
        var events = new List<IdCardPresentedEventArgs>();
        reader.CardPresented += (_, e) => events.Add(e);
        return (reader, stream, emulator, events);
    }

    [Fact]
    public void The_emulator_answers_find_with_80_when_empty_and_9F_when_a_card_lies_on_it()
    {
        var emulator = new IdCardReaderEmulator();
        byte[] find = Hex.Bytes("AA AA AA 96 69 00 03 20 01 22");
        Assert.Equal("AAAAAA9669000400008084", Hex.Of(emulator.Feed(find).Single()));
        emulator.PlaceCard(SyntheticIdCards.Create(1));
        Assert.Equal("AAAAAA96690008 00009F00000000 97".Replace(" ", ""), Hex.Of(emulator.Feed(find).Single()));
    }

    [Fact]
    public void The_emulator_answers_select_before_find_with_81_and_read_before_select_with_41()
    {
        var emulator = new IdCardReaderEmulator();
        emulator.PlaceCard(SyntheticIdCards.Create(1));
        Assert.Equal(SamStatus.SelectFailed, emulator.Respond(new SamRequest(SamCommand.SelectCard, [])).Status);
        Assert.Equal(SamStatus.ReadFailed, emulator.Respond(new SamRequest(SamCommand.ReadTextAndPhoto, [])).Status);
    }

    [Fact]
    public void The_emulator_answers_a_bad_checksum_with_10_a_short_frame_with_11_and_an_unknown_command_with_21()
    {
        var emulator = new IdCardReaderEmulator();
        var badChecksum = emulator.Feed(Hex.Bytes("AA AA AA 96 69 00 03 20 01 23"));
        Assert.Equal(SamStatus.ChecksumError, Reply(badChecksum.Single()).Status);
        var badLength = emulator.Feed(Hex.Bytes("AA AA AA 96 69 00 01 01"));
        Assert.Equal(SamStatus.LengthError, Reply(badLength.Single()).Status);
        var shortBody = emulator.Feed(SamFrameCodec.Encode([0x20]));
        Assert.Equal(SamStatus.LengthError, Reply(shortBody.Single()).Status);
        var unknown = emulator.Feed(new SamRequest(new SamCommand(0x61, 0xFF), []).ToFrame());
        Assert.Equal(SamStatus.CommandError, Reply(unknown.Single()).Status);
    }

    private static SamReply Reply(byte[] frame)
    {
        var d = new SamFrameDecoder();
        d.Append(frame);
        Assert.True(d.TryReadFrame(out byte[] body));
        return SamReply.FromBody(body)!;
    }

    [Fact]
    public async Task A_card_is_found_selected_and_read_with_every_field_intact()
    {
        var (reader, stream, emulator, _) = Setup();
        var card = SyntheticIdCards.Create(3);
        emulator.PlaceCard(card);
        var read = await reader.TryReadPresentedCardAsync();
        Assert.NotNull(read);
        Assert.Equal(card.Text, read.Text);
        Assert.Equal(card.Photo, read.Photo);
        Assert.Equal(["AAAAAA96690003200122", "AAAAAA96690003200221", "AAAAAA96690003300132"], stream.Written.Select(w => Hex.Of(w)));
    }

    [Fact]
    public async Task A_card_that_stays_on_the_reader_raises_one_event_over_many_polls()
    {
        var (reader, _, emulator, events) = Setup();
        emulator.PlaceCard(SyntheticIdCards.Create(5));
        for (int i = 0; i < 10; i++)
        {
            await reader.PollOnceAsync();
        }

        Assert.Single(events);
        Assert.Equal(SyntheticIdCards.Create(5).Text, events[0].Card.Text);
    }

    [Fact]
    public async Task Removing_and_replacing_the_card_raises_a_second_event()
    {
        var (reader, _, emulator, events) = Setup();
        var card = SyntheticIdCards.Create(5);
        emulator.PlaceCard(card);
        await reader.PollOnceAsync();
        emulator.RemoveCard();
        await reader.PollOnceAsync();
        await reader.PollOnceAsync();
        emulator.PlaceCard(card);
        await reader.PollOnceAsync();
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task A_single_missed_find_while_the_card_stays_does_not_raise_a_duplicate()
    {
        var (reader, _, emulator, events) = Setup();
        var card = SyntheticIdCards.Create(5);
        emulator.PlaceCard(card);
        await reader.PollOnceAsync();
        emulator.RemoveCard();
        await reader.PollOnceAsync();
        emulator.PlaceCard(card);
        await reader.PollOnceAsync();
        Assert.Single(events);
    }

    [Fact]
    public async Task Swapping_in_a_different_card_raises_an_event_for_it()
    {
        var (reader, _, emulator, events) = Setup();
        emulator.PlaceCard(SyntheticIdCards.Create(5));
        await reader.PollOnceAsync();
        emulator.PlaceCard(SyntheticIdCards.Create(6));
        await reader.PollOnceAsync();
        Assert.Equal(2, events.Count);
        Assert.Equal(SyntheticIdCards.Create(6).Text.IdNumber, events[1].Card.Text.IdNumber);
    }

    [Fact]
    public async Task A_reader_that_fails_finds_after_a_read_while_the_card_stays_still_raises_one_event()
    {
        bool readDone = false;
        var (reader, _, emulator, events) = Setup((emu, bytes) =>
        {
            var request = new SamFrameDecoder();
            request.Append(bytes);
            request.TryReadFrame(out byte[] body);
            var cmd = SamRequest.FromBody(body)!.Command;
            if (cmd == SamCommand.FindCard && readDone)
            {
                return [SamReply.Create(SamStatus.FindFailed).ToFrame()];
            }

            readDone |= cmd == SamCommand.ReadTextAndPhoto;
            return emu.Feed(bytes);
        });
        emulator.PlaceCard(SyntheticIdCards.Create(9));
        for (int i = 0; i < 6; i++)
        {
            await reader.PollOnceAsync();
        }

        Assert.Single(events);
    }

    [Fact]
    public async Task Noise_and_a_corrupt_frame_before_the_reply_do_not_stop_the_read()
    {
        var (reader, _, emulator, events) = Setup((emu, bytes) =>
        {
            var replies = emu.Feed(bytes);
            byte[] corrupt = SamReply.Create(SamStatus.Success).ToFrame();
            corrupt[^1] ^= 0xFF;
            // Split the real reply in two reads, after garbage and a corrupt frame.
            byte[] all = Hex.Concat(Hex.Bytes("FF 00 AA AA 13"), corrupt, replies[0]);
            return [all[..(all.Length / 2)], all[(all.Length / 2)..]];
        });
        emulator.PlaceCard(SyntheticIdCards.Create(2));
        Assert.True(await reader.PollOnceAsync());
        Assert.Single(events);
        Assert.True(reader.DiscardedBytes > 0);
    }

    [Theory]
    [InlineData(0x41, "reading the card failed")]
    [InlineData(0x10, "checksum")]
    [InlineData(0x11, "length")]
    [InlineData(0x21, "unknown command")]
    [InlineData(0x33, "unknown reader status 0x33")]
    public async Task An_error_status_on_read_becomes_a_SamStatusException_naming_the_problem(byte sw3, string words)
    {
        var (reader, _, emulator, _) = Setup((emu, bytes) =>
        {
            var reply = emu.Feed(bytes);
            return bytes[7] == 0x30 ? [SamReply.Create((SamStatus)sw3).ToFrame()] : reply;
        });
        emulator.PlaceCard(SyntheticIdCards.Create(2));
        Assert.True(await reader.FindCardAsync());
        await reader.SelectCardAsync();
        var ex = await Assert.ThrowsAsync<SamStatusException>(() => reader.ReadCardAsync());
        Assert.Equal((SamStatus)sw3, ex.Status);
        Assert.Equal(SamCommand.ReadTextAndPhoto, ex.Command);
        Assert.Contains(words, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_select_failure_is_reported_as_status_81()
    {
        var (reader, _, emulator, _) = Setup();
        emulator.PlaceCard(SyntheticIdCards.Create(2));
        var ex = await Assert.ThrowsAsync<SamStatusException>(() => reader.SelectCardAsync());
        Assert.Equal(SamStatus.SelectFailed, ex.Status);
    }

    [Fact]
    public async Task A_reader_that_never_answers_times_out_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var (reader, _, _, _) = Setup((_, _) => [], time);
        var find = reader.FindCardAsync();
        Assert.False(find.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(20);
        Assert.False(find.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<TimeoutException>(() => find);
    }

    [Fact]
    public async Task A_poll_that_times_out_returns_without_throwing_and_the_next_poll_reads_the_card()
    {
        var time = new FakeTimeProvider();
        bool mute = true;
        var (reader, _, emulator, events) = Setup((emu, bytes) => mute ? [] : emu.Feed(bytes), time);
        emulator.PlaceCard(SyntheticIdCards.Create(4));
        var poll = reader.PollOnceAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await poll);
        mute = false;
        Assert.True(await reader.PollOnceAsync());
        Assert.Single(events);
    }

    [Fact]
    public async Task RunAsync_polls_once_per_interval_of_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var (reader, stream, emulator, events) = Setup(time: time);
        using var cts = new CancellationTokenSource();
        var run = reader.RunAsync(cts.Token);
        await Task.Delay(50);
        Assert.Single(stream.Written);  // first find, nothing on the reader
        emulator.PlaceCard(SyntheticIdCards.Create(8));
        time.Advance(TimeSpan.FromMilliseconds(300));
        await WaitFor(() => events.Count == 1);
        Assert.Equal(time.GetUtcNow(), events[0].ReadAt);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
