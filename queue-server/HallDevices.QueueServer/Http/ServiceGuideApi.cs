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
                : HallApi.NotFound(hallId));
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
        });
        return app;
    }
}
