namespace HallDevices.Devices.Voice;

/// <summary>Turns a sentence into audio.</summary>
public interface ISpeechEngine
{
    /// <summary>Null when the engine is usable; otherwise why not (reported at start-up).</summary>
    string? Problem { get; }

    /// <summary>Speaks <paramref name="text"/> into mono 16-bit PCM.</summary>
    Task<Pcm> SynthesizeAsync(string text, CancellationToken cancellationToken);
}
