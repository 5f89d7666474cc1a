namespace HallDevices.Kiosk.Voice;

/// <summary>The kiosk's speaker: reads a text aloud to the citizen at the kiosk (朗读).</summary>
public interface IKioskSpeaker
{
    /// <summary>
    /// Says <paramref name="text"/> in <paramref name="language"/> (<c>zh</c> or <c>en</c>; anything
    /// else is read as Chinese). The newest call wins: it stops whatever is being said, and only then
    /// starts, so two utterances never overlap; an empty text just stops. The task completes when
    /// this utterance has been said in full, was replaced by a newer one, was cancelled through
    /// <paramref name="cancellationToken"/>, or could not be said (voice off, engine or player
    /// failing: logged). It never throws, not even on cancellation, so a caller may fire and forget.
    /// </summary>
    Task SayAsync(string text, string language, CancellationToken cancellationToken);
}
