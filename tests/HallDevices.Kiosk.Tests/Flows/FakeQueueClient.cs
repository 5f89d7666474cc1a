using HallDevices.Contracts;
using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk.Tests.Flows;

/// <summary>The queue-server port, answering from a script and remembering what it was asked.</summary>
internal sealed class FakeQueueClient : IQueueClient
{
    private readonly Lock _gate = new();
    private readonly List<TicketRequest> _requests = [];
    private readonly List<PrintReport> _reports = [];

    /// <summary>How a ticket request is answered; by default a ticket for the service asked for.</summary>
    public Func<TicketRequest, TicketReply> Answer { get; set; } = r => new TicketReply(Ticket("A001", r.ServiceId ?? "appointment"), null);

    /// <summary>When set, ticket requests wait for it before answering (a slow server).</summary>
    public Task? Gate { get; set; }

    /// <summary>How many print reports fail as "server unreachable" before one gets through.</summary>
    public int UnreachableReports { get; set; }

    public IReadOnlyList<TicketRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<PrintReport> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    public static TicketInfo Ticket(string number, string serviceId, string? maskedId = null) => new(
        number, "A", serviceId, "城乡居民养老保险参保登记", new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(8)),
        "waiting", 3, 9, "http://hall.example/t/xinqiao/" + number, "normal", null, maskedId, 0);

    public async Task<TicketReply> RequestTicketAsync(TicketRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }

        if (Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        return Answer(request);
    }

    public Task ReportPrintAsync(string ticketNumber, bool ok, string? reason, string requestId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _reports.Add(new PrintReport(ticketNumber, ok, reason, requestId));
            if (UnreachableReports > 0)
            {
                UnreachableReports--;
                throw new QueueUnavailableException("no answer (fake)");
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>One call of <see cref="IQueueClient.ReportPrintAsync"/>.</summary>
internal sealed record PrintReport(string TicketNumber, bool Ok, string? Reason, string RequestId);
