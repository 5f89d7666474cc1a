using System.IO.Pipelines;
using HallDevices.Contracts;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Http;
using HallDevices.QueueServer.Http.Access;
using HallDevices.Reporting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Reports;

/// <summary>
/// The reports over HTTP (docs/http-api.md, "Reports"): a hall's report, its charts and its
/// exported log for the hall's managers and the district's viewers; a district's bulletin and the
/// import of logs of halls run elsewhere for the district's viewers.
/// </summary>
public static class ReportEndpoints
{
    /// <summary>Binds and validates <c>Reports:</c> and registers the report service.</summary>
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ReportsOptions>, TargetsValidation>();
        builder.Services.AddSingleton<ReportService>();
        return builder;
    }

    /// <summary>Maps the report endpoints.</summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var halls = app.MapGroup("/api/halls").AddEndpointFilter(StorageFailure);
        halls.MapGet("/{hallId}/reports", async (string hallId, string? format, HttpRequest http, HallRegistry registry, ReportService reports) =>
        {
            if (registry.Find(hallId) is not { } hall)
            {
                return HallApi.NotFound(hallId);
            }

            if (!ReportFiles.TryParseFormat(format, ReportFormat.Json, out var f))
            {
                return Fail(ErrorCodes.InvalidRequest, $"format '{format}' is not one of json, csv, pdf", StatusCodes.Status400BadRequest);
            }

            if (Period(http, reports.Today(hall.Hall)) is not { } period)
            {
                return BadPeriod(http);
            }

            var bytes = await Task.Run(() => Bytes(s => ReportFiles.Write(reports.Hall(hall, period), f, s)));
            return f == ReportFormat.Json
                ? Results.Bytes(bytes, ReportFiles.ContentType(f))
                : Results.File(bytes, ReportFiles.ContentType(f), ReportFiles.FileName(hallId, period, ReportFiles.Extension(f)));
        }).RequireHall(HallPermission.Oversee)
            .Describe(ApiDocs.Tags.Reports, "A hall's report", "Hall manager or district viewer session; no key. The period is `day=YYYY-MM-DD` (today by default), `month=YYYY-MM` or `from`&`to`; `format` json (default), csv or pdf. "
                + "Refusals: 400 `invalid-period`, `invalid-request` (format), 404 `unknown-hall`, 503 `storage-unavailable`.")
            .Produces(200, contentType: "application/json").Produces(200, contentType: "text/csv").Produces(200, contentType: "application/pdf")
            .Secured(apiKey: false).Refusals(400, 404, 503);

        halls.MapGet("/{hallId}/reports/charts/{chart}.png", async (string hallId, string chart, int? width, int? height, HttpRequest http, HallRegistry registry, ReportService reports) =>
        {
            if (registry.Find(hallId) is not { } hall)
            {
                return HallApi.NotFound(hallId);
            }

            if (!ReportCharts.IsKnown(chart))
            {
                return Fail(ErrorCodes.UnknownChart, $"no chart '{chart}'; the charts are {string.Join(", ", ReportCharts.HallCharts)}", StatusCodes.Status404NotFound);
            }

            if (Period(http, reports.Today(hall.Hall)) is not { } period)
            {
                return BadPeriod(http);
            }

            var png = await Task.Run(() => ReportCharts.Png(reports.Hall(hall, period), chart, Math.Clamp(width ?? 1200, 200, 4000), Math.Clamp(height ?? 600, 150, 3000)));
            return Results.Bytes(png, "image/png");
        }).RequireHall(HallPermission.Oversee)
            .Describe(ApiDocs.Tags.Reports, "A chart of a hall's report (PNG)", "As the report. `chart` is hourly, waits, counters or ratings; `width` 200–4000 (1200), `height` 150–3000 (600); the period as the report. "
                + "Refusals: 400 `invalid-period`, 404 `unknown-hall`, `unknown-chart`.")
            .Produces(200, contentType: "image/png").Secured(apiKey: false).Refusals(400, 404, 503);

        halls.MapGet("/{hallId}/events/export", (string hallId, HttpRequest http, HallRegistry registry, ReportService reports) =>
        {
            if (registry.Find(hallId) is not { } hall)
            {
                return HallApi.NotFound(hallId);
            }

            if (Period(http, reports.Today(hall.Hall)) is not { } period)
            {
                return BadPeriod(http);
            }

            // A store that cannot catch up is a 503 now, before the answer has begun.
            hall.Store.WaitForDatabase();

            // A month of a busy hall is tens of megabytes: streamed through a pipe as it is read
            // from the store, not built in memory first.
            var pipe = new Pipe();
            _ = Task.Run(() =>
            {
                Exception? failure = null;
                try
                {
                    using var writer = pipe.Writer.AsStream(leaveOpen: true);
                    reports.Export(hall, period, writer);
                }
                catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
                {
                    failure = e;
                    http.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReportEndpoints)).LogError(e, "Export of hall {HallId} failed", hallId);
                }
                finally
                {
                    // The reader then ends the answer short, so a client sees a cut log, not a whole one.
                    pipe.Writer.Complete(failure);
                }
            });
            return Results.Stream(pipe.Reader.AsStream(), ReportFiles.EventLogContentType, ReportFiles.FileName(hallId, period, "jsonl"));
        }).RequireHall(HallPermission.Oversee)
            .Describe(ApiDocs.Tags.Reports, "Export a hall's event log", "As the report. The period's events as JSON lines, streamed, for the district server's import. Refusals: 400 `invalid-period`, 404 `unknown-hall`, 503 `storage-unavailable`.")
            .Produces(200, contentType: ReportFiles.EventLogContentType).Secured(apiKey: false).Refusals(400, 404, 503);

        var districts = app.MapGroup("/api/districts").AddEndpointFilter(StorageFailure);
        districts.MapGet("/{districtId}/bulletin", async (string districtId, string? format, HttpRequest http, ReportService reports) =>
        {
            if (!ReportFiles.TryParseFormat(format, ReportFormat.Json, out var f))
            {
                return Fail(ErrorCodes.InvalidRequest, $"format '{format}' is not one of json, csv, pdf", StatusCodes.Status400BadRequest);
            }

            if (Period(http, today: null) is not { } period)
            {
                return BadPeriod(http);
            }

            var bulletin = ReportReader.IsId(districtId) ? await Task.Run(() => reports.Bulletin(districtId, period)) : null;
            if (bulletin is null)
            {
                return Fail(ErrorCodes.UnknownDistrict, $"no hall of this server and no imported log belongs to district '{districtId}'", StatusCodes.Status404NotFound);
            }

            var bytes = await Task.Run(() => Bytes(s => ReportFiles.Write(bulletin, f, s)));
            return f == ReportFormat.Json
                ? Results.Bytes(bytes, ReportFiles.ContentType(f))
                : Results.File(bytes, ReportFiles.ContentType(f), ReportFiles.FileName(districtId, period, ReportFiles.Extension(f)));
        }).RequireDistrict()
            .Describe(ApiDocs.Tags.Reports, "A district's bulletin", "District viewer session of that district. Every hall of the district (this server's and imported logs) over the period; `format` json, csv or pdf. "
                + "Refusals: 400 `invalid-period`, `invalid-request`, 404 `unknown-district`, 503.")
            .Produces(200, contentType: "application/json").Produces(200, contentType: "text/csv").Produces(200, contentType: "application/pdf")
            .Secured(apiKey: false).Refusals(400, 404, 503);

        districts.MapPost("/{districtId}/imports", ImportAsync).RequireDistrict()
            .Describe(ApiDocs.Tags.Reports, "Import a hall's exported log", "District viewer session. The body is a log from `GET …/events/export` (or `queue-server export-events`) of a hall of the district run elsewhere, at most Reports:MaxImportBytes. "
                + "Refusals: 400 `invalid-import`, 404 `unknown-district`, 413 `payload-too-large`, 503.")
            .DescribesBody(ReportFiles.EventLogContentType).Produces(200, contentType: "application/json").Secured(apiKey: false).Refusals(400, 404, 413, 503);
        return app;
    }

    private static async Task<IResult> ImportAsync(string districtId, HttpContext http, ReportService reports)
    {
        var max = reports.Options.MaxImportBytes;
        if (!ReportReader.IsId(districtId))
        {
            return Fail(ErrorCodes.UnknownDistrict, $"'{districtId}' is not a district id", StatusCodes.Status404NotFound);
        }

        if (http.Request.ContentLength > max)
        {
            return TooLarge(max);
        }

        // Kestrel's own limit (30 MB) is not ours; past ours, the copy below stops reading anyway.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + 1;
        }

        var upload = reports.Imports.NewUpload(districtId);
        try
        {
            try
            {
                if (!await CopyAtMostAsync(http.Request.Body, upload, max, http.RequestAborted))
                {
                    return TooLarge(max);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge(max);
            }

            var imported = await Task.Run(() => reports.Imports.Accept(districtId, upload, reports.LocalHalls));
            return Results.Json(new { ok = true, imported.HallId, imported.HallName, imported.Period, imported.Events }, ReportFiles.Json);
        }
        catch (InvalidImportException e)
        {
            return Fail(ErrorCodes.InvalidImport, e.Message, StatusCodes.Status400BadRequest);
        }
        finally
        {
            File.Delete(upload);
        }
    }

    /// <summary>Copies the body to <paramref name="path"/>; false as soon as it passes <paramref name="max"/> bytes.</summary>
    private static async Task<bool> CopyAtMostAsync(Stream body, string path, long max, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        var buffer = new byte[81920];
        long total = 0;
        for (int n; (n = await body.ReadAsync(buffer, cancellationToken)) > 0;)
        {
            total += n;
            if (total > max)
            {
                return false;
            }

            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
        }

        return true;
    }

    private static ReportPeriod? Period(HttpRequest http, DateOnly? today) =>
        ReportReader.TryPeriod(http.Query["day"], http.Query["month"], http.Query["from"], http.Query["to"], today is { } d ? ReportPeriod.Day(d) : null, out var period, out _) ? period : null;

    private static IResult BadPeriod(HttpRequest http)
    {
        ReportReader.TryPeriod(http.Query["day"], http.Query["month"], http.Query["from"], http.Query["to"], null, out _, out var error);
        return Fail(ErrorCodes.InvalidPeriod, $"{error} (give day=YYYY-MM-DD, month=YYYY-MM, or from=YYYY-MM-DD&to=YYYY-MM-DD)", StatusCodes.Status400BadRequest);
    }

    private static IResult TooLarge(long max) =>
        Fail(ErrorCodes.PayloadTooLarge, $"an imported log may be at most {max} bytes (Reports:MaxImportBytes)", StatusCodes.Status413PayloadTooLarge);

    private static IResult Fail(string code, string message, int status) => Results.Json(Reply.Fail(code, message), ContractJson.Options, statusCode: status);

    private static byte[] Bytes(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return buffer.ToArray();
    }

    // As the rest of the API: a failing store is 503 storage-unavailable, never a 500 page.
    private static async ValueTask<object?> StorageFailure(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReportEndpoints)).LogError(e, "HTTP {Path} failed in storage", context.HttpContext.Request.Path.Value);
            return Fail(ErrorCodes.StorageUnavailable, "the hall's storage is failing. Try again shortly.", StatusCodes.Status503ServiceUnavailable);
        }
    }

    private sealed class TargetsValidation : IValidateOptions<ReportsOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReportsOptions options) =>
            options.TargetsProblem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
