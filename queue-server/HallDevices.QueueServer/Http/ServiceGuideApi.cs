using HallDevices.Contracts;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Mqtt;

namespace HallDevices.QueueServer.Http;

/// <summary>
/// <c>GET /api/halls/{hallId}/services</c> and <c>…/services/{serviceId}/guide</c>: the catalogue and
/// each service's guide (办事指南), the same JSON as the retained MQTT messages, for the online
/// platform and anyone who prints a guide. Public: a hall publishes its guides to every citizen.
/// </summary>
public static class ServiceGuideApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapServiceGuideApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/halls/{hallId}/services", (string hallId, HallRegistry halls) =>
            halls.Find(hallId) is { } hall
                ? Results.Json(CatalogMessages.Catalog(hall.Hall), ContractJson.Options)
                : HallApi.NotFound(hallId))
            .Describe(ApiDocs.Tags.Hall, "A hall's service catalogue", "Public. The services with their queues, categories, names in Chinese and English and search keys, as the retained MQTT catalogue. 404 `unknown-hall`.")
            .Produces(200, contentType: "application/json").Refusals(404);
        app.MapGet("/api/halls/{hallId}/services/{serviceId}/guide", (string hallId, string serviceId, HallRegistry halls) =>
        {
            if (halls.Find(hallId) is not { } hall)
            {
                return HallApi.NotFound(hallId);
            }

            if (hall.Hall.FindService(serviceId) is not { } service)
            {
                return Results.Json(Reply.Fail(ErrorCodes.UnknownService, $"hall '{hallId}' has no service '{serviceId}'"), ContractJson.Options, statusCode: StatusCodes.Status404NotFound);
            }

            return CatalogMessages.Guide(hall.Hall, service) is { } guide
                ? Results.Json(guide, ContractJson.Options)
                : Results.Json(Reply.Fail(ErrorCodes.NoGuide, $"the hall file gives '{serviceId}' no guide"), ContractJson.Options, statusCode: StatusCodes.Status404NotFound);
        })
            .Describe(ApiDocs.Tags.Hall, "A service's guide (办事指南)", "Public. What to bring, the steps, fees, time limits and the legal basis of one service. 404 `unknown-hall`, `unknown-service`, `no-guide`.")
            .Produces(200, contentType: "application/json").Refusals(404);
        return app;
    }
}
