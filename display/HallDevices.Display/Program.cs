// The display host. Board, LED strips, keypads and voice arrive with issue #6; for now it starts
// and answers /health so the solution's four apps can be started and supervised alike.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Display:Urls"] ?? "http://127.0.0.1:5082");
var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "ok", app = "display" }));
app.Run();
