using CsCheck;
using HallDevices.Devices.IdCard;
using HallDevices.Devices.Tests.Support;

namespace HallDevices.Devices.Tests.IdCard;

public class IdCardPrivacyAndRobustnessTests
{
    [Fact]
    public async Task The_reader_logs_only_the_masked_id_number_even_for_a_bad_check_digit()
    {
        var card = SyntheticIdCards.Create(12);
        string last = card.Text.IdNumber[^1..] == "0" ? "1" : "0";
        var bad = card with { Text = card.Text with { IdNumber = card.Text.IdNumber[..^1] + last } };
        var emulator = new IdCardReaderEmulator();
        var logger = new ListLogger<IdCardReader>();
        using var reader = new IdCardReader(new LoopbackStream(b => emulator.Feed(b)), logger: logger);
        foreach (var c in new[] { card, bad })
        {
            emulator.PlaceCard(c);
            Assert.True(await reader.PollOnceAsync());
        }

        Assert.Contains(logger.Lines, l => l.Contains("wrong check character", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains(card.Text.MaskedIdNumber, StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains(card.Text.IdNumber[4..14], StringComparison.Ordinal));
    }

    [Fact]
    public void Fuzz_the_emulator_answers_random_and_mutated_requests_without_throwing_and_only_with_valid_frames()
    {
        byte[] requests = Hex.Concat(
            new SamRequest(SamCommand.FindCard, []).ToFrame(),
            new SamRequest(SamCommand.SelectCard, []).ToFrame(),
            new SamRequest(SamCommand.ReadTextAndPhoto, []).ToFrame());
        Gen.Byte.Array[0, 200].Select(Gen.Int, Gen.Int[1, 30]).Sample((noise, seed, chunk) =>
        {
            var rng = new Random(seed);
            byte[] mutated = (byte[])requests.Clone();
            mutated[rng.Next(mutated.Length)] = (byte)rng.Next(256);
            var emulator = new IdCardReaderEmulator();
            emulator.PlaceCard(SyntheticIdCards.Create(1 + (seed & 0xFF)));
            byte[] input = Hex.Concat(noise, mutated, requests);
            var decoder = new SamFrameDecoder();
            for (int i = 0; i < input.Length; i += chunk)
            {
                foreach (byte[] reply in emulator.Feed(input.AsSpan(i, Math.Min(chunk, input.Length - i))))
                {
                    decoder.Append(reply);
                    Assert.True(decoder.TryReadFrame(out byte[] body));
                    Assert.NotNull(SamReply.FromBody(body));
                }
            }
        }, iter: 2000);
    }
}
