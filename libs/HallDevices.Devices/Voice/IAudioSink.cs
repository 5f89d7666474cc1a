namespace HallDevices.Devices.Voice;

/// <summary>Plays or stores a finished utterance; returns when it has been fully played.</summary>
public interface IAudioSink
{
    /// <summary>Null when the sink is usable; otherwise why not (reported at start-up).</summary>
    string? Problem { get; }

    /// <summary>
    /// Plays <paramref name="audio"/>. <paramref name="label"/> names it where a name is kept (the
    /// file name of a <see cref="WavFileSink"/>, e.g. the ticket number); a player ignores it.
    /// </summary>
    Task PlayAsync(Pcm audio, string label, CancellationToken cancellationToken);
}
