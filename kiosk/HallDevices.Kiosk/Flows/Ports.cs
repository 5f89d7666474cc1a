using HallDevices.Contracts;
using HallDevices.Devices.Printer;
using HallDevices.Kiosk.Tickets;

namespace HallDevices.Kiosk.Flows;

/// <summary>The thermal printer as the ticket flow uses it.</summary>
public interface ITicketPrinter
{
    /// <summary>Asks the printer for its state (a real status query, not a cached guess).</summary>
    Task<PrinterHealth> CheckAsync(CancellationToken cancellationToken);

    /// <summary>Prints one ticket and cuts it.</summary>
    Task PrintAsync(TicketContent ticket, CancellationToken cancellationToken);
}

/// <summary>The queue-server as the kiosk sees it.</summary>
public interface IQueueClient
{
    /// <summary>Requests a ticket; the same <see cref="TicketRequest.RequestId"/> is reused on retries.</summary>
    /// <exception cref="QueueUnavailableException">The server did not answer in time.</exception>
    Task<TicketReply> RequestTicketAsync(TicketRequest request, CancellationToken cancellationToken);

    /// <summary>Reports whether the receipt came out; a failure voids the ticket.</summary>
    /// <exception cref="QueueUnavailableException">The server did not answer in time.</exception>
    Task ReportPrintAsync(string ticketNumber, bool ok, string? reason, string requestId, CancellationToken cancellationToken);
}

/// <summary>A ticket reply: the ticket, or the server's refusal.</summary>
/// <param name="Ticket">The ticket when issued.</param>
/// <param name="Error">The refusal otherwise.</param>
public sealed record TicketReply(TicketInfo? Ticket, ErrorInfo? Error);

/// <summary>The queue-server could not be reached in time.</summary>
public sealed class QueueUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
