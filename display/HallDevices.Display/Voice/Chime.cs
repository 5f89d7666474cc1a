using HallDevices.Devices.Voice;

namespace HallDevices.Display.Voice;

/// <summary>The two-tone "ding-dong" before every announcement, so people look up before the number is spoken.</summary>
internal static class Chime
{
    public static Pcm Create(int sampleRate)
    {
        var parts = new List<short>();
        Tone(parts, 659.25, 0.35, sampleRate);
        Tone(parts, 523.25, 0.6, sampleRate);
        parts.AddRange(new short[sampleRate / 4]);
        return new Pcm(parts.ToArray(), sampleRate);
    }

    private static void Tone(List<short> into, double hz, double seconds, int rate)
    {
        var n = (int)(seconds * rate);
        for (var i = 0; i < n; i++)
        {
            var t = (double)i / rate;

            // Bell-like: quick attack, exponential decay, a little second harmonic.
            var envelope = Math.Min(1, t / 0.01) * Math.Exp(-3.5 * t);
            var v = (Math.Sin(2 * Math.PI * hz * t) + (0.3 * Math.Sin(4 * Math.PI * hz * t))) / 1.3;
            into.Add((short)(v * envelope * 0.6 * short.MaxValue));
        }
    }
}
