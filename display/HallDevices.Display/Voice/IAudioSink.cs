namespace HallDevices.Display.Voice;

/// <summary>Plays or stores a finished announcement; returns when it has been fully played.</summary>
internal interface IAudioSink
{
    string? Problem { get; }

    Task PlayAsync(Pcm audio, Announcement announcement, CancellationToken cancellationToken);
}
