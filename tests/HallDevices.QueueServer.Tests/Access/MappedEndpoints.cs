using HallDevices.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// Every endpoint queue-server maps, as <c>METHOD pattern</c>: the real app, built in-process as
/// Program.cs builds it (not started: no ports, no broker), so a newly mapped endpoint cannot slip
/// past the tests that list them (the API matrix, the OpenAPI document).
/// </summary>
internal static class MappedEndpoints
{
    public static async Task<HashSet<string>> ListAsync()
    {
        var data = TempDir.Create("endpoints");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = AppContext.BaseDirectory,
            Args = [$"--Storage:Path={data}", $"--Hall:ConfigFile={Repo.SampleHallFile}"],
        });
        HashSet<string> mapped;
        await using (var app = builder.AddQueueServer().Build().UseQueueServer())
        {
            mapped = ((IEndpointRouteBuilder)app).DataSources
                .SelectMany(d => d.Endpoints)
                .OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
                .ToHashSet();
        }

        Directory.Delete(data, recursive: true);
        return mapped;
    }
}
