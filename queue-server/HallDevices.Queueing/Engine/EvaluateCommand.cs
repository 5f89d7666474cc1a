using HallDevices.Queueing.Evaluation;

namespace HallDevices.Queueing.Engine;

/// <summary>
/// A citizen's rating of a finished case (好差评), from any channel. The case is named by its
/// printed number (evaluator, console: the counter knows the number it served) or by its tracking
/// token (the phone: the token is what proves the citizen holds the ticket).
/// </summary>
/// <param name="Score">1 (非常不满意) to 5 (非常满意).</param>
/// <param name="Channel">One of <see cref="EvaluationChannels"/>.</param>
public sealed record EvaluateCommand(int Score, string Channel)
{
    /// <summary>The printed number: today's ticket, else one finished yesterday whose window is still open.</summary>
    public string? TicketNumber { get; init; }

    /// <summary>The tracking token (<see cref="Tickets.Ticket.Token"/>); used instead of the number when given.</summary>
    public string? Token { get; init; }

    /// <summary>The counter rating it; when given, it must be the counter that served the case.</summary>
    public string? CounterId { get; init; }

    /// <summary>Reasons for a bad rating, each one of the hall's <see cref="EvaluationPolicy.Reasons"/>.</summary>
    public IReadOnlyList<string>? ReasonIds { get; init; }

    /// <summary>Free reason text for a bad rating; trimmed and cut to <see cref="EvaluationPolicy.MaxReasonTextLength"/>.</summary>
    public string? ReasonText { get; init; }

    /// <summary>A rating at the counter that served: the evaluator or the window console.</summary>
    public static EvaluateCommand AtCounter(string ticketNumber, string counterId, int score, string channel = EvaluationChannels.Evaluator) =>
        new(score, channel) { TicketNumber = ticketNumber, CounterId = counterId };

    /// <summary>A rating from the citizen's tracking page.</summary>
    public static EvaluateCommand Online(string token, int score) => new(score, EvaluationChannels.Online) { Token = token };
}
