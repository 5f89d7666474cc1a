namespace HallDevices.Contracts;

/// <summary>The retained <c>hall/{hallId}/board</c> message.</summary>
/// <param name="HallId">Hall.</param>
/// <param name="HallName">Hall display name.</param>
/// <param name="Calls">Latest calls, newest first.</param>
/// <param name="Waiting">Per queue.</param>
/// <param name="UpdatedAt">When the server composed it.</param>
/// <param name="Sequence">Last event sequence it reflects.</param>
public sealed record BoardMessage(string HallId, string HallName, IReadOnlyList<BoardCall> Calls, IReadOnlyList<BoardQueue> Waiting, DateTimeOffset UpdatedAt, long Sequence)
{
    /// <summary>The number of services <see cref="Popular"/> lists at most.</summary>
    public const int PopularSize = 8;

    /// <summary>Today's most issued services (at most <see cref="PopularSize"/>, issued &gt; 0), most first.</summary>
    public IReadOnlyList<BoardServiceCount> Popular { get => _popular; init => _popular = value ?? []; }

    // A board from an older server has no list; the source-generated reader then sets null.
    private readonly IReadOnlyList<BoardServiceCount> _popular = [];
}
