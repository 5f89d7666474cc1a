using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// A body sent with another Content-Type than the document names still reaches the handler, which
/// answers with the contract's reply (the OpenAPI description must not turn into a bare 415).
/// </summary>
public sealed class BodyContentTypeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("text/plain", "{\"serviceId\":\"consultation\",\"channel\":\"mobile\"}", HttpStatusCode.OK, "ok")]
    [InlineData("text/plain", "not json", HttpStatusCode.UnprocessableEntity, "malformed-json")]
    [InlineData(null, "not json", HttpStatusCode.UnprocessableEntity, "malformed-json")]
    public async Task A_remote_ticket_body_is_read_whatever_its_content_type_says(string? contentType, string body, HttpStatusCode status, string code)
    {
        using var platform = StaffSessions.Integrator(fixture.Server.BaseUri);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);

        using var response = await platform.PostAsync(new Uri("/api/halls/xinqiao/tickets", UriKind.Relative), content);
        var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, reply.GetProperty("ok").GetBoolean() ? "ok" : reply.GetProperty("error").GetProperty("code").GetString());
    }
}
