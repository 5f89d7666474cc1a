using HallDevices.Contracts;
using HallDevices.Devices.Printer;
using HallDevices.Kiosk.Tickets;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Flows;

/// <summary>What the citizen asked for.</summary>
/// <param name="ServiceId">Service chosen (null for an appointment check-in: the code names it).</param>
/// <param name="IdNumber">Raw ID number from the card, kept in memory for this request only.</param>
/// <param name="AppointmentCode">A scanned appointment code.</param>
/// <param name="PrintGuide">取号并打印办事指南: the receipt also carries the short form of the service's guide, when the kiosk has it.</param>
public sealed record TicketAsk(string? ServiceId, string? IdNumber, string? AppointmentCode, bool PrintGuide = false);

/// <summary>How a ticket attempt ended.</summary>
/// <param name="Kind">The outcome.</param>
/// <param name="Ticket">The printed ticket (Printed) or the voided one (PrintFailed).</param>
/// <param name="Code">Refusal or failure code for the screen.</param>
/// <param name="Message">Server's explanation, when it gave one.</param>
public sealed record TicketOutcome(TicketOutcomeKind Kind, TicketInfo? Ticket = null, string? Code = null, string? Message = null);

/// <summary>Outcomes of a ticket attempt.</summary>
public enum TicketOutcomeKind
{
    /// <summary>Issued and printed.</summary>
    Printed,

    /// <summary>The server refused (limits, id required, bad appointment code...).</summary>
    Refused,

    /// <summary>The printer cannot print now; nothing was requested.</summary>
    PrinterNotReady,

    /// <summary>Printing failed after issue; the ticket was voided.</summary>
    PrintFailed,

    /// <summary>The server is unreachable; no number was made up.</summary>
    Unavailable,
}

/// <summary>
/// One ticket, start to finish, never a ghost: check the printer before asking for a number;
/// ask the server (retrying with the same requestId, so a retry never yields two tickets); print;
/// check the printer again; report the print result, so a ticket that did not come out is voided
/// and never called.
/// </summary>
public sealed class TicketFlow(IQueueClient queue, ITicketPrinter printer, IOptions<KioskOptions> options, TimeProvider time, ILogger<TicketFlow> log, ICatalogSource catalog)
{
    /// <summary>Runs one attempt.</summary>
    public async Task<TicketOutcome> IssueAsync(TicketAsk ask, string hallName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var before = await SafeCheckAsync(cancellationToken);
        if (before is PrinterHealth.PaperOut or PrinterHealth.CoverOpen or PrinterHealth.Error)
        {
            return new TicketOutcome(TicketOutcomeKind.PrinterNotReady, Code: "printer-" + HealthOf(before));
        }

        var request = new TicketRequest
        {
            RequestId = $"{options.Value.DeviceId}-{Guid.NewGuid():N}",
            ServiceId = ask.ServiceId,
            Channel = "kiosk",
            DeviceId = options.Value.DeviceId,
            IdNumber = ask.IdNumber,
            AppointmentCode = ask.AppointmentCode,
        };

        TicketReply reply;
        try
        {
            log.LogDebug("Printer {Health}; requesting a ticket for {ServiceId}", before, ask.ServiceId ?? "(appointment)");
            reply = await queue.RequestTicketAsync(request, cancellationToken);
        }
        catch (QueueUnavailableException e)
        {
            log.LogWarning("No ticket: the queue server is unreachable ({Reason})", e.Message);
            return new TicketOutcome(TicketOutcomeKind.Unavailable, Code: "server-unavailable");
        }

        if (reply.Ticket is not { } ticket)
        {
            return new TicketOutcome(TicketOutcomeKind.Refused, Code: reply.Error?.Code ?? "refused", Message: reply.Error?.Message);
        }

        var content = new TicketContent(hallName, ticket.Number, ticket.ServiceName, ticket.WaitingAhead, ticket.EstimatedWaitMinutes, ticket.IssuedAt, ticket.MaskedId, ticket.TrackUrl ?? "");
        if (ask.PrintGuide && ask.ServiceId is { } serviceId)
        {
            // A guide the kiosk has not received yet is not made up: the receipt is printed without it.
            if (catalog.FindGuide(serviceId) is { } guide)
            {
                content = content with { GuideLines = TicketGuide.ShortLines(guide) };
            }
            else
            {
                log.LogWarning("No guide of {ServiceId} to print on {Number}", serviceId, ticket.Number);
            }
        }

        string? failure = null;
        try
        {
            await printer.PrintAsync(content, cancellationToken);
            var after = await SafeCheckAsync(cancellationToken);
            if (after is PrinterHealth.PaperOut or PrinterHealth.CoverOpen or PrinterHealth.Error)
            {
                failure = HealthOf(after);
            }
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException or UnauthorizedAccessException)
        {
            failure = "printer-error";
            log.LogWarning("Printing {Number} failed: {Reason}", ticket.Number, e.Message);
        }

        await ReportAsync(ticket.Number, failure, request.RequestId + "-print", cancellationToken);
        return failure is null
            ? new TicketOutcome(TicketOutcomeKind.Printed, ticket)
            : new TicketOutcome(TicketOutcomeKind.PrintFailed, ticket, "print-failed", failure);
    }

    /// <summary>
    /// The print result must reach the server (a failed print left unreported would be a ghost
    /// number called at a window), so it is retried until delivered or the kiosk stops.
    /// </summary>
    private async Task ReportAsync(string number, string? failure, string requestId, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                await queue.ReportPrintAsync(number, failure is null, failure, requestId, cancellationToken);
                return;
            }
            catch (QueueUnavailableException e)
            {
                log.LogWarning("Print result of {Number} not delivered yet ({Reason}); retrying", number, e.Message);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task<PrinterHealth> SafeCheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await printer.CheckAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException or UnauthorizedAccessException)
        {
            log.LogWarning("Printer status query failed: {Reason}", e.Message);
            return PrinterHealth.Error;
        }
    }

    /// <summary>The printer's state as the contract spells it: a device status's <c>health</c>, a failed print's <c>reason</c>.</summary>
    public static string HealthOf(PrinterHealth health) => health switch
    {
        PrinterHealth.PaperLow => HealthStates.PaperLow,
        PrinterHealth.PaperOut => HealthStates.PaperOut,
        PrinterHealth.CoverOpen => HealthStates.CoverOpen,
        PrinterHealth.Error => HealthStates.Error,
        _ => HealthStates.Ok,
    };
}
