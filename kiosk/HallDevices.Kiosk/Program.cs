// The kiosk host. Device flows arrive with issue #5; for now it starts, reports its configuration
// and answers /health so the solution's four apps can be started and supervised alike.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Kiosk:Urls"] ?? "http://127.0.0.1:5081");
var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "ok", app = "kiosk" }));
app.Run();
