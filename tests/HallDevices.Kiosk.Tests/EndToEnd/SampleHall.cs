using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.Kiosk.Tests.EndToEnd;

/// <summary>A sample hall file as the tests read it (JsonDocument, not the server's parser): its categories and services.</summary>
public sealed class SampleHall
{
    private SampleHall(string id, string name, IReadOnlyList<HallCategory> categories, IReadOnlyList<HallService> services)
    {
        Id = id;
        Name = name;
        Categories = categories;
        Services = services;
    }

    public static SampleHall Town { get; } = Read(Repo.SampleHallFile);

    public static SampleHall Village { get; } = Read(Path.Combine(Path.GetDirectoryName(Repo.SampleHallFile)!, "sample-village.json"));

    public string Id { get; }

    public string Name { get; }

    /// <summary>Top-level categories in file order, each with its children.</summary>
    public IReadOnlyList<HallCategory> Categories { get; }

    public IReadOnlyList<HallService> Services { get; }

    public HallService Service(string id) => Services.Single(s => s.Id == id);

    /// <summary>The services listed under a category without children, in file order.</summary>
    public IReadOnlyList<HallService> In(string categoryId) => Services.Where(s => s.Category == categoryId).ToList();

    /// <summary>The tiles to tap from the start screen to a service's list: its top-level category, then its sub-category if any.</summary>
    public IReadOnlyList<HallCategory> PathTo(HallService service)
    {
        foreach (var top in Categories)
        {
            if (top.Id == service.Category)
            {
                return [top];
            }

            if (top.Children.FirstOrDefault(c => c.Id == service.Category) is { } child)
            {
                return [top, child];
            }
        }

        throw new InvalidOperationException($"{service.Id}'s category {service.Category} is not in the hall file");
    }

    private static SampleHall Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        static HallCategory Category(JsonElement c) => new(
            c.GetProperty("id").GetString()!, c.GetProperty("name").GetString()!, Str(c, "nameEn"),
            c.TryGetProperty("children", out var kids) ? kids.EnumerateArray().Select(Category).ToList() : []);
        var categories = root.GetProperty("categories").EnumerateArray().Select(Category).ToList();
        var services = root.GetProperty("services").EnumerateArray().Select(s =>
        {
            var guide = s.GetProperty("guide");
            return new HallService(
                s.GetProperty("id").GetString()!, s.GetProperty("name").GetString()!, Str(s, "nameEn"), s.GetProperty("category").GetString()!,
                s.TryGetProperty("needsIdCard", out var n) && n.GetBoolean(),
                guide.GetProperty("materials").EnumerateArray().Select(m => m.GetString()!).ToList(), Str(guide, "onlineUrl"))
            {
                LegalDays = Int(guide, "legalDays"),
                PromisedDays = Int(guide, "promisedDays"),
                Fee = Str(guide, "fee"),
                OneTrip = Bool(guide, "oneTrip"),
                Agency = Bool(guide, "agency"),
            };
        }).ToList();
        return new SampleHall(root.GetProperty("id").GetString()!, root.GetProperty("name").GetString()!, categories, services);
    }
}

public sealed record HallCategory(string Id, string Name, string? NameEn, IReadOnlyList<HallCategory> Children);

public sealed record HallService(string Id, string Name, string? NameEn, string Category, bool NeedsIdCard, IReadOnlyList<string> Materials, string? OnlineUrl)
{
    public int? LegalDays { get; init; }

    public int? PromisedDays { get; init; }

    public string? Fee { get; init; }

    public bool OneTrip { get; init; }

    public bool Agency { get; init; }
}
