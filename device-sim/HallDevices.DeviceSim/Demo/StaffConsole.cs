using System.Net.Http.Json;
using System.Text.Json;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// The staff console's and the booking site's side of the server's HTTP API, for what no device
/// does: staff sign in at the start of the day (a caller keypad has no login key) and citizens book
/// appointments before they come.
/// </summary>
public sealed class StaffConsole(Uri server, string hallId) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary><c>POST /api/halls/{hall}/counters/{id}/login</c>; a refusal ends the demo naming the window.</summary>
    public async Task SignInAsync(string counter, string staffId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync($"/api/halls/{hallId}/counters/{counter}/login", new { staffId }, cancellationToken);
        var reply = await response.Content.ReadFromJsonAsync<ReplyDto>(Json, cancellationToken);
        if (reply is not { Ok: true })
        {
            throw new DemoException("script", $"{counter} login at the staff console: {reply?.Error?.Code}");
        }
    }

    /// <summary><c>POST /api/halls/{hall}/appointments</c>: the code the citizen brings to the kiosk.</summary>
    public async Task<string> BookAppointmentAsync(string serviceId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync($"/api/halls/{hallId}/appointments", new { serviceId }, cancellationToken);
        var reply = await response.Content.ReadFromJsonAsync<ReplyDto>(Json, cancellationToken);
        return reply?.AppointmentCode ?? throw new DemoException("script", $"booking {serviceId}: no appointment code ({reply?.Error?.Code})");
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private sealed record ReplyDto(bool Ok, ErrorDto? Error, string? AppointmentCode);

    private sealed record ErrorDto(string? Code);
}
