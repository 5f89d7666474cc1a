using HallDevices.Devices.Printer;
using HallDevices.Kiosk.Flows;
using HallDevices.Kiosk.Tickets;

namespace HallDevices.Kiosk.Tests.Flows;

/// <summary>The printer port: a health answer per status query (the last one repeats) and an optional print failure.</summary>
internal sealed class FakeTicketPrinter : ITicketPrinter
{
    private readonly Queue<PrinterHealth> _health = new();
    private PrinterHealth _last = PrinterHealth.Ok;

    public List<TicketContent> Printed { get; } = [];

    public int StatusQueries { get; private set; }

    /// <summary>Thrown by the next <see cref="PrintAsync"/> instead of printing.</summary>
    public Exception? PrintFailure { get; set; }

    /// <summary>Thrown by every status query instead of answering.</summary>
    public Exception? StatusFailure { get; set; }

    /// <summary>Answers for the coming status queries, in order.</summary>
    public FakeTicketPrinter Reports(params PrinterHealth[] health)
    {
        foreach (var h in health)
        {
            _health.Enqueue(h);
        }

        return this;
    }

    public Task<PrinterHealth> CheckAsync(CancellationToken cancellationToken)
    {
        StatusQueries++;
        if (StatusFailure is { } failure)
        {
            throw failure;
        }

        if (_health.Count > 0)
        {
            _last = _health.Dequeue();
        }

        return Task.FromResult(_last);
    }

    public Task PrintAsync(TicketContent ticket, CancellationToken cancellationToken)
    {
        if (PrintFailure is { } failure)
        {
            throw failure;
        }

        Printed.Add(ticket);
        return Task.CompletedTask;
    }
}
