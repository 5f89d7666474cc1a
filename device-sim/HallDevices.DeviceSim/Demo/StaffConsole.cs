using HallDevices.Contracts;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// The staff console's and the booking site's side of the server's HTTP API, for what no device
/// does: staff sign in at the start of the day (a caller keypad has no login key) and citizens book
/// appointments before they come.
/// </summary>
public sealed class StaffConsole(Uri server, string hallId) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary><c>POST /api/halls/{hall}/counters/{id}/login</c>; a refusal ends the demo naming the window.</summary>
    public async Task SignInAsync(string counter, string staffId, CancellationToken cancellationToken)
    {
        var body = await PostAsync($"/api/halls/{hallId}/counters/{counter}/login", ContractJson.SerializeToUtf8Bytes(new CounterRequest { StaffId = staffId }), cancellationToken);
        var reply = ContractJson.Deserialize<Reply>(body);
        if (reply is not { Ok: true })
        {
            throw new DemoException("script", $"{counter} login at the staff console: {reply?.Error?.Code}");
        }
    }

    /// <summary><c>POST /api/halls/{hall}/appointments</c>: the code the citizen brings to the kiosk.</summary>
    public async Task<string> BookAppointmentAsync(string serviceId, CancellationToken cancellationToken)
    {
        var body = await PostAsync($"/api/halls/{hallId}/appointments", ContractJson.SerializeToUtf8Bytes(new BookingRequest(serviceId)), cancellationToken);

        // A booking is answered with a BookingReply, a refusal with the contract's Reply.
        if (ContractJson.Deserialize<Reply>(body) is { Ok: true } && ContractJson.Deserialize<BookingReply>(body) is { AppointmentCode: { } code })
        {
            return code;
        }

        throw new DemoException("script", $"booking {serviceId}: no appointment code ({ContractJson.Deserialize<Reply>(body)?.Error?.Code})");
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<byte[]> PostAsync(string path, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(path, content, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }
}
