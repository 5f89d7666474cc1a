using System.Globalization;
using System.Text.Json;

namespace HallDevices.Queueing.Halls;

/// <summary>
/// The hall file's sections for finding a service at the kiosk: <c>categories</c>, <c>frequent</c>,
/// <c>onlineApp</c>, and each service's <c>nameEn</c>, <c>category</c>, <c>initials</c> and <c>guide</c>.
/// </summary>
public static partial class HallFile
{
    private const int MaxGuideItems = 30;

    private static List<CategoryDefinition>? ParseCategories(JsonElement root)
    {
        if (!root.TryGetProperty("categories", out _))
        {
            return null;
        }

        var list = new List<CategoryDefinition>();
        var items = RequiredArray(root, "categories", "$");
        if (items.Count == 0)
        {
            throw new HallConfigException("categories", "give at least one category, or leave 'categories' out (one category per queue)");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = $"categories[{i}]";
            var top = ParseCategory(items[i], path, null, list);
            if (!items[i].TryGetProperty("children", out _))
            {
                continue;
            }

            // Two levels are enough for a hall's 127 items and keep the kiosk's way back one tap long.
            var children = RequiredArray(items[i], "children", path);
            if (children.Count == 0)
            {
                throw new HallConfigException($"{path}.children", "a category's children must not be empty (leave 'children' out instead)");
            }

            for (var j = 0; j < children.Count; j++)
            {
                var cpath = $"{path}.children[{j}]";
                if (children[j].ValueKind == JsonValueKind.Object && children[j].TryGetProperty("children", out _))
                {
                    throw new HallConfigException($"{cpath}.children", "categories have at most two levels");
                }

                ParseCategory(children[j], cpath, top.Id, list);
            }
        }

        return list;
    }

    private static CategoryDefinition ParseCategory(JsonElement c, string path, string? parent, List<CategoryDefinition> list)
    {
        RequireObject(c, path);
        AllowOnly(c, path, "id", "name", "nameEn", "children");
        var id = RequiredId(c, path);
        Unique(list.Select(x => x.Id), id, $"{path}.id", "category id");
        var category = new CategoryDefinition(id, RequiredString(c, "name", path), OptionalNonEmptyString(c, "nameEn", path), parent);
        list.Add(category);
        return category;
    }

    /// <summary>A service's category: required and a leaf when the file has categories, its queue otherwise.</summary>
    private static string ParseServiceCategory(JsonElement s, string path, string queue, List<CategoryDefinition>? categories)
    {
        var category = OptionalNonEmptyString(s, "category", path);
        if (categories is null)
        {
            return category is null
                ? queue
                : throw new HallConfigException($"{path}.category", "the hall file has no 'categories' to name");
        }

        if (category is null)
        {
            throw new HallConfigException($"{path}.category", "missing required field 'category' (the hall file has categories)");
        }

        if (categories.All(c => c.Id != category))
        {
            throw new HallConfigException($"{path}.category", $"unknown category '{category}'");
        }

        if (categories.Any(c => c.ParentId == category))
        {
            throw new HallConfigException($"{path}.category", $"category '{category}' has sub-categories; name one of them");
        }

        return category;
    }

    private static void CheckCategoriesUsed(List<CategoryDefinition> categories, List<ServiceDefinition> services)
    {
        for (var i = 0; i < categories.Count; i++)
        {
            var c = categories[i];
            var used = services.Any(s => s.CategoryId == c.Id || categories.Any(child => child.ParentId == c.Id && child.Id == s.CategoryId));
            if (!used)
            {
                throw new HallConfigException(CategoryPath(categories, c), $"category '{c.Id}' lists no service: the kiosk would show an empty tile");
            }
        }
    }

    private static string CategoryPath(List<CategoryDefinition> categories, CategoryDefinition c)
    {
        var tops = categories.Where(x => x.ParentId is null).ToList();
        if (c.ParentId is null)
        {
            return $"categories[{tops.IndexOf(c)}]";
        }

        var parent = tops.First(x => x.Id == c.ParentId);
        var index = categories.Where(x => x.ParentId == parent.Id).ToList().IndexOf(c);
        return $"categories[{tops.IndexOf(parent)}].children[{index}]";
    }

    /// <summary>
    /// The name's pinyin initials: generated from <see cref="PinyinTable"/>, or the hall file's
    /// <c>initials</c> when a character is missing from the table or the generated pattern should pick
    /// one reading of a polyphonic character; an override may only choose among the table's readings.
    /// </summary>
    private static string ParseInitials(JsonElement s, string path, string name)
    {
        var given = OptionalNonEmptyString(s, "initials", path);
        if (given is null)
        {
            return PinyinTable.InitialsOf(name, out var missing)
                ?? throw new HallConfigException($"{path}.name", (char.IsSurrogate(missing)
                    ? "a character beyond U+FFFF is not in the pinyin table"
                    : string.Create(CultureInfo.InvariantCulture, $"the character '{missing}' (U+{(int)missing:X4}) is not in the pinyin table"))
                    + "; add \"initials\" with one letter per character of the name");
        }

        var letters = given.Trim();
        if (letters.Any(ch => ch is not ((>= 'a' and <= 'z') or (>= '0' and <= '9'))))
        {
            throw new HallConfigException($"{path}.initials", "'initials' must be lowercase letters a–z (and digits for digits in the name)");
        }

        var searchable = name.Where(PinyinTable.IsSearchable).ToList();
        if (letters.Length != searchable.Count)
        {
            throw new HallConfigException($"{path}.initials", $"'initials' has {letters.Length} letters but the name has {searchable.Count} searchable characters");
        }

        for (var i = 0; i < letters.Length; i++)
        {
            var ch = searchable[i];
            if (!PinyinTable.OverrideAllows(ch, letters[i]))
            {
                throw new HallConfigException($"{path}.initials", string.Create(CultureInfo.InvariantCulture, $"letter {i + 1} '{letters[i]}' is not an initial of '{ch}'"));
            }
        }

        return letters;
    }

    private static ServiceGuide? ParseGuide(JsonElement s, string path)
    {
        if (!s.TryGetProperty("guide", out var g))
        {
            return null;
        }

        var gpath = $"{path}.guide";
        RequireObject(g, gpath);
        AllowOnly(g, gpath, "materials", "conditions", "legalDays", "promisedDays", "fee", "oneTrip", "onlineUrl", "agency");
        var materials = Strings(g, "materials", gpath, required: true);
        var conditions = Strings(g, "conditions", gpath, required: false);
        var legal = OptionalNonNegativeInt(g, "legalDays", gpath);
        var promised = OptionalNonNegativeInt(g, "promisedDays", gpath);
        if (legal is { } l && promised is { } p && p > l)
        {
            throw new HallConfigException($"{gpath}.promisedDays", $"the promised time limit ({p} working days) is longer than the legal one ({l})");
        }

        var online = OptionalNonEmptyString(g, "onlineUrl", gpath);
        if (online is not null && !IsWebUrl(online))
        {
            throw new HallConfigException($"{gpath}.onlineUrl", $"'{online}' is not an absolute http(s) URL");
        }

        return new ServiceGuide(
            materials,
            conditions,
            legal,
            promised,
            OptionalNonEmptyString(g, "fee", gpath),
            OptionalBool(g, "oneTrip", gpath) ?? false,
            online,
            OptionalBool(g, "agency", gpath) ?? false);
    }

    private static List<string> ParseFrequent(JsonElement root, List<ServiceDefinition> services)
    {
        var list = new List<string>();
        if (!root.TryGetProperty("frequent", out _))
        {
            return list;
        }

        var items = RequiredArray(root, "frequent", "$");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"frequent[{i}]";
            var id = items[i].ValueKind == JsonValueKind.String ? items[i].GetString()! : throw new HallConfigException(path, "expected a service id");
            if (services.All(s => s.Id != id))
            {
                throw new HallConfigException(path, $"unknown service '{id}'");
            }

            Unique(list, id, path, "service in 'frequent'");
            list.Add(id);
        }

        return list;
    }

    private static OnlineApp? ParseOnlineApp(JsonElement root)
    {
        if (!root.TryGetProperty("onlineApp", out var a))
        {
            return null;
        }

        RequireObject(a, "onlineApp");
        AllowOnly(a, "onlineApp", "name", "nameEn", "url");
        var url = OptionalNonEmptyString(a, "url", "onlineApp");
        if (url is not null && !IsWebUrl(url))
        {
            throw new HallConfigException("onlineApp.url", $"'{url}' is not an absolute http(s) URL");
        }

        return new OnlineApp(RequiredString(a, "name", "onlineApp"), OptionalNonEmptyString(a, "nameEn", "onlineApp"), url);
    }

    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static List<string> Strings(JsonElement obj, string name, string path, bool required)
    {
        if (!required && !obj.TryGetProperty(name, out _))
        {
            return [];
        }

        var items = RequiredArray(obj, name, path);
        if (required && items.Count == 0)
        {
            throw new HallConfigException(Join(path, name), $"'{name}' needs at least one entry");
        }

        if (items.Count > MaxGuideItems)
        {
            throw new HallConfigException(Join(path, name), $"at most {MaxGuideItems} entries (a guide on a kiosk screen and a receipt)");
        }

        var list = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var ipath = string.Create(CultureInfo.InvariantCulture, $"{Join(path, name)}[{i}]");
            if (items[i].ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(items[i].GetString()))
            {
                throw new HallConfigException(ipath, "expected a non-empty string");
            }

            list.Add(items[i].GetString()!.Trim());
        }

        return list;
    }
}
