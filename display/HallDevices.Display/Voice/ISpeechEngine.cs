namespace HallDevices.Display.Voice;

/// <summary>Turns a sentence into audio.</summary>
internal interface ISpeechEngine
{
    /// <summary>Null when the engine is usable; otherwise why not (reported at start-up).</summary>
    string? Problem { get; }

    Task<Pcm> SynthesizeAsync(string text, CancellationToken cancellationToken);
}
