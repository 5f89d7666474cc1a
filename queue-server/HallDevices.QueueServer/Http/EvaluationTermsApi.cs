using HallDevices.Queueing.Evaluation;
using HallDevices.QueueServer.Evaluation;
using HallDevices.QueueServer.Halls;

namespace HallDevices.QueueServer.Http;

/// <summary>
/// <c>GET /api/halls/{hallId}/evaluation</c>: how the hall takes ratings — the five national levels,
/// its reasons for a bad one, the rating window and the follow-up days — for the window console's
/// rating panel and anyone who draws a rating form. Public, as the hall file's queues and services
/// are: the tracking page shows the same reasons to every citizen.
/// </summary>
public static class EvaluationTermsApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapEvaluationTermsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/halls/{hallId}/evaluation", (string hallId, HallRegistry halls) =>
        {
            if (halls.Find(hallId) is not { } hall)
            {
                return HallApi.NotFound(hallId);
            }

            var policy = hall.Hall.Evaluation;
            return Results.Json(
                new
                {
                    windowMinutes = policy.WindowMinutes,
                    followUpWorkingDays = policy.FollowUpWorkingDays,
                    maxReasonTextLength = EvaluationPolicy.MaxReasonTextLength,
                    levels = Enum.GetValues<EvaluationLevel>().OrderDescending().Select(l => new
                    {
                        score = (int)l,
                        name = EvaluationLevels.ChineseName(l),
                        nameEn = EvaluationLevels.EnglishName(l),
                        bad = EvaluationLevels.IsBad((int)l),
                    }),
                    reasons = policy.Reasons,
                },
                EvaluationJson.Options);
        })
            .Describe(ApiDocs.Tags.Hall, "How the hall takes ratings", "Public. The five national levels (score, Chinese and English name, bad or not), the hall's reasons for a bad rating, the rating window and the follow-up days. 404 `unknown-hall`.")
            .Produces(200, contentType: "application/json").Refusals(404);
        return app;
    }
}
