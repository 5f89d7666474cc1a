using System.Buffers.Binary;

namespace HallDevices.Devices.Voice;

/// <summary>Mono 16-bit PCM audio.</summary>
/// <param name="Samples">Signed 16-bit samples, one channel.</param>
/// <param name="SampleRate">Samples per second (espeak-ng: 22050).</param>
public sealed record Pcm(short[] Samples, int SampleRate)
{
    /// <summary>Length of the clip.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);

    /// <summary>A silent clip of <paramref name="length"/>.</summary>
    public static Pcm Silence(TimeSpan length, int sampleRate) => new(new short[(int)(length.TotalSeconds * sampleRate)], sampleRate);

    /// <summary>Joins clips of the same sample rate.</summary>
    public static Pcm Concat(IReadOnlyList<Pcm> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var rate = parts.Count > 0 ? parts[0].SampleRate : 22050;
        if (parts.Any(p => p.SampleRate != rate))
        {
            throw new ArgumentException("Clips must share a sample rate.", nameof(parts));
        }

        return new Pcm(parts.SelectMany(p => p.Samples).ToArray(), rate);
    }
}

/// <summary>RIFF/WAVE reading and writing for 16-bit PCM.</summary>
public static class Wav
{
    /// <summary>A complete WAV file (44-byte header, correct sizes) of <paramref name="pcm"/>.</summary>
    public static byte[] Write(Pcm pcm)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        var data = pcm.Samples.Length * 2;
        var bytes = new byte[44 + data];
        var s = bytes.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], pcm.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], pcm.SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], data);
        for (var i = 0; i < pcm.Samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(s[(44 + (i * 2))..], pcm.Samples[i]);
        }

        return bytes;
    }

    /// <summary>
    /// Reads mono 16-bit PCM. Chunk sizes are clamped to the bytes present: espeak-ng writing to
    /// stdout cannot seek back, so its header says 0x7FFFFFF0 for RIFF and data.
    /// </summary>
    public static Pcm Read(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            throw new FormatException("Not a RIFF/WAVE file.");
        }

        int? rate = null;
        var pos = 12;
        while (pos + 8 <= wav.Length)
        {
            var id = wav.Slice(pos, 4);
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(wav[(pos + 4)..]), (uint)(wav.Length - pos - 8));
            var body = wav.Slice(pos + 8, size);
            if (id.SequenceEqual("fmt "u8))
            {
                var format = BinaryPrimitives.ReadInt16LittleEndian(body);
                var channels = BinaryPrimitives.ReadInt16LittleEndian(body[2..]);
                var bits = BinaryPrimitives.ReadInt16LittleEndian(body[14..]);
                if (format != 1 || channels != 1 || bits != 16)
                {
                    throw new FormatException($"Only mono 16-bit PCM is supported (format {format}, {channels} channels, {bits} bits).");
                }

                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (rate is null)
                {
                    throw new FormatException("WAVE data before its fmt chunk.");
                }

                var samples = new short[size / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(i * 2)..]);
                }

                return new Pcm(samples, rate.Value);
            }

            pos += 8 + size + (size & 1);
        }

        throw new FormatException("WAVE file has no data chunk.");
    }
}
