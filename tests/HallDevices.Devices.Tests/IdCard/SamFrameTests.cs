using CsCheck;
using HallDevices.Devices.IdCard;
using HallDevices.Devices.Tests.Support;

namespace HallDevices.Devices.Tests.IdCard;

public class SamFrameTests
{
    private static readonly byte[] FindFailed = Hex.Bytes("AA AA AA 96 69 00 04 00 00 80 84");
    private static readonly byte[] CardFound = Hex.Bytes("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97");

    private static List<byte[]> DecodeAll(SamFrameDecoder decoder)
    {
        var frames = new List<byte[]>();
        while (decoder.TryReadFrame(out byte[] body))
        {
            frames.Add(body);
        }

        return frames;
    }

    [Fact]
    public void Find_card_request_encodes_to_the_documented_bytes()
    {
        Assert.Equal("AAAAAA96690003200122", Hex.Of(new SamRequest(SamCommand.FindCard, []).ToFrame()));
    }

    [Fact]
    public void Replies_encode_with_length_counting_the_checksum_and_xor_over_length_and_body()
    {
        Assert.Equal(Hex.Of(FindFailed), Hex.Of(SamReply.Create(SamStatus.FindFailed).ToFrame()));
        Assert.Equal(Hex.Of(CardFound), Hex.Of(SamReply.Create(SamStatus.CardFound, 0, 0, 0, 0).ToFrame()));
    }

    [Fact]
    public void A_good_reply_frame_decodes_to_its_status_words()
    {
        var decoder = new SamFrameDecoder();
        decoder.Append(CardFound);
        Assert.True(decoder.TryReadFrame(out byte[] body));
        var reply = SamReply.FromBody(body)!;
        Assert.Equal(SamStatus.CardFound, reply.Status);
        Assert.Equal(new byte[4], reply.Data);
        Assert.Equal(0, decoder.BufferedBytes);
    }

    [Fact]
    public void Noise_before_a_frame_is_discarded_and_counted()
    {
        var decoder = new SamFrameDecoder();
        decoder.Append(Hex.Concat(Hex.Bytes("00 FF AA 96 AA AA 13"), FindFailed));
        var frames = DecodeAll(decoder);
        Assert.Single(frames);
        Assert.Equal(SamStatus.FindFailed, SamReply.FromBody(frames[0])!.Status);
        Assert.Equal(7, decoder.DiscardedBytes);
    }

    [Fact]
    public void Two_frames_in_one_read_both_decode_in_order()
    {
        var decoder = new SamFrameDecoder();
        decoder.Append(Hex.Concat(CardFound, FindFailed));
        var frames = DecodeAll(decoder);
        Assert.Equal([SamStatus.CardFound, SamStatus.FindFailed], frames.Select(f => SamReply.FromBody(f)!.Status));
    }

    [Fact]
    public void A_truncated_frame_waits_for_the_rest_and_completes_when_it_arrives_byte_by_byte()
    {
        var decoder = new SamFrameDecoder();
        for (int i = 0; i < CardFound.Length - 1; i++)
        {
            decoder.Append(CardFound.AsSpan(i, 1));
            Assert.False(decoder.TryReadFrame(out _));
        }

        decoder.Append(CardFound.AsSpan(^1));
        Assert.True(decoder.TryReadFrame(out _));
        Assert.Equal(0, decoder.DiscardedBytes);
    }

    [Fact]
    public void A_frame_with_a_bad_checksum_is_dropped_and_the_next_frame_still_decodes()
    {
        byte[] corrupt = (byte[])CardFound.Clone();
        corrupt[^1] ^= 0x01;
        var decoder = new SamFrameDecoder();
        decoder.Append(Hex.Concat(corrupt, FindFailed));
        var frames = DecodeAll(decoder);
        Assert.Single(frames);
        Assert.Equal(SamStatus.FindFailed, SamReply.FromBody(frames[0])!.Status);
        Assert.Equal(1, decoder.ChecksumErrors);
    }

    [Fact]
    public void A_frame_with_an_impossible_length_is_dropped_and_the_next_frame_still_decodes()
    {
        var decoder = new SamFrameDecoder();
        decoder.Append(Hex.Concat(Hex.Bytes("AA AA AA 96 69 00 01 00"), Hex.Bytes("AA AA AA 96 69 FF FF 00"), FindFailed));
        var frames = DecodeAll(decoder);
        Assert.Single(frames);
        Assert.Equal(2, decoder.LengthErrors);
    }

    [Fact]
    public void A_length_that_claims_more_than_arrived_fails_its_checksum_once_the_next_frame_fills_it()
    {
        // LEN says 0x0A but only 4 body bytes follow; the next frame's bytes complete the bogus one.
        byte[] wrongLength = Hex.Bytes("AA AA AA 96 69 00 0A 00 00 90 9A");
        var decoder = new SamFrameDecoder();
        decoder.Append(Hex.Concat(wrongLength, CardFound));
        var frames = DecodeAll(decoder);
        Assert.Single(frames);
        Assert.Equal(SamStatus.CardFound, SamReply.FromBody(frames[0])!.Status);
        Assert.True(decoder.ChecksumErrors >= 1);
    }

    [Fact]
    public void Reset_drops_a_partial_frame_so_a_later_frame_decodes()
    {
        var decoder = new SamFrameDecoder();
        decoder.Append(Hex.Bytes("AA AA AA 96 69 05 08 00 00 90"));
        Assert.False(decoder.TryReadFrame(out _));
        decoder.Reset();
        decoder.Append(FindFailed);
        Assert.True(decoder.TryReadFrame(out _));
    }

    [Fact]
    public void A_partial_preamble_at_the_end_of_noise_is_kept_until_the_frame_completes()
    {
        var decoder = new SamFrameDecoder();
        decoder.Append(Hex.Concat(Hex.Bytes("12 34"), FindFailed[..3]));
        Assert.False(decoder.TryReadFrame(out _));
        Assert.Equal(3, decoder.BufferedBytes);
        decoder.Append(FindFailed.AsSpan(3));
        Assert.True(decoder.TryReadFrame(out _));
    }

    [Fact]
    public void Encoding_an_empty_body_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => SamFrameCodec.Encode([]));
    }

    [Fact]
    public void Fuzz_random_bytes_in_random_chunks_never_throw_and_only_yield_checksum_valid_frames()
    {
        Gen.Byte.Array[0, 600].Select(Gen.Int[1, 64]).Sample((data, chunk) =>
        {
            var decoder = new SamFrameDecoder();
            var input = Hex.Concat(data, data.Length > 10 ? Hex.Bytes("AA AA AA 96 69") : [], data);
            for (int i = 0; i < input.Length; i += chunk)
            {
                decoder.Append(input.AsSpan(i, Math.Min(chunk, input.Length - i)));
                while (decoder.TryReadFrame(out byte[] body))
                {
                    // Every yielded frame must be a real frame present in the input.
                    byte[] frame = SamFrameCodec.Encode(body);
                    Assert.True(input.AsSpan().IndexOf(frame) >= 0);
                }
            }
        }, iter: 3000);
    }

    [Fact]
    public void Fuzz_valid_frames_with_mutations_and_noise_never_throw_and_unmutated_streams_decode_exactly()
    {
        var genBody = Gen.Byte.Array[1, 40];
        genBody.List[1, 8].Select(Gen.Int[1, 50], Gen.Int[0, 3], Gen.Int).Sample((bodies, chunk, mutations, seed) =>
        {
            var rng = new Random(seed);
            byte[] stream = bodies.SelectMany(b => SamFrameCodec.Encode(b)).ToArray();
            byte[] mutated = (byte[])stream.Clone();
            for (int m = 0; m < mutations; m++)
            {
                mutated[rng.Next(mutated.Length)] = (byte)rng.Next(256);
            }

            var clean = new SamFrameDecoder();
            var dirty = new SamFrameDecoder();
            var decoded = new List<byte[]>();
            for (int i = 0; i < stream.Length; i += chunk)
            {
                int n = Math.Min(chunk, stream.Length - i);
                clean.Append(stream.AsSpan(i, n));
                dirty.Append(mutated.AsSpan(i, n));
                while (clean.TryReadFrame(out byte[] body))
                {
                    decoded.Add(body);
                }

                while (dirty.TryReadFrame(out _))
                {
                }
            }

            Assert.Equal(bodies.Count, decoded.Count);
            for (int i = 0; i < bodies.Count; i++)
            {
                Assert.Equal(bodies[i], decoded[i]);
            }
        }, iter: 3000);
    }
}
