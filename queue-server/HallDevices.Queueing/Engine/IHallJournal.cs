namespace HallDevices.Queueing.Engine;

/// <summary>
/// Durable storage as the engine sees it. <see cref="Commit"/> must make the change durable (or
/// throw) before it returns: the engine acknowledges nothing that is not committed.
/// </summary>
public interface IHallJournal
{
    /// <summary>Appends the events and stores the new state atomically.</summary>
    void Commit(HallChange change);
}
