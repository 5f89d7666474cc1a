using System.Text.Json;

namespace HallDevices.Queueing.Halls;

/// <summary>
/// Loads and validates a hall file (JSON). Every rejection names the offending field as a JSON path
/// such as <c>services[3].queue</c>, so whoever edits the file knows exactly what to fix.
/// </summary>
public static partial class HallFile
{
    /// <summary>Loads a hall file from disk.</summary>
    /// <exception cref="HallConfigException">The file is missing or invalid.</exception>
    public static HallDefinition Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new HallConfigException("(file)", $"hall file '{path}' does not exist");
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (HallConfigException e)
        {
            throw new HallConfigException(e.Field, $"{Path.GetFileName(path)}: {e.Reason}");
        }
    }

    /// <summary>Parses and validates hall JSON.</summary>
    /// <exception cref="HallConfigException">The JSON is malformed or breaks a rule.</exception>
    public static HallDefinition Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new HallConfigException("(json)", $"not valid JSON at line {e.LineNumber + 1}: {e.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            RequireObject(root, "$");
            AllowOnly(root, "$", "id", "name", "timeZone", "policy", "queues", "services", "counters", "evaluation", "calendar", "district", "categories", "frequent", "onlineApp");

            var id = RequiredString(root, "id", "$");
            if (!IdPattern().IsMatch(id))
            {
                throw new HallConfigException("id", $"hall id '{id}' may use only letters, digits, '-' and '_' (it becomes part of MQTT topics)");
            }

            var name = RequiredString(root, "name", "$");
            var tz = ParseTimeZone(OptionalString(root, "timeZone", "$") ?? "Asia/Shanghai");
            var policy = ParsePolicy(root);
            var queues = ParseQueues(root);
            var categories = ParseCategories(root);
            var services = ParseServices(root, queues, categories);
            if (categories is not null)
            {
                CheckCategoriesUsed(categories, services);
            }
            var counters = ParseCounters(root, queues);

            foreach (var (queue, i) in queues.Select((q, i) => (q, i)))
            {
                if (!counters.Any(c => c.Fallback || c.Queues.Any(cq => cq.QueueId == queue.Id)))
                {
                    throw new HallConfigException($"queues[{i}]", $"queue '{queue.Id}' is served by no counter and no fallback window, so its tickets would never be called");
                }
            }

            return new HallDefinition(id, name, tz, queues, services, counters, policy)
            {
                Evaluation = ParseEvaluation(root),
                Calendar = ParseCalendar(root),
                District = ParseDistrict(root),
                Categories = categories ?? [.. queues.Select(q => new CategoryDefinition(q.Id, q.Name, null, null))],
                Frequent = ParseFrequent(root, services),
                OnlineApp = ParseOnlineApp(root),
            };
        }
    }

    private static TimeZoneInfo ParseTimeZone(string zone)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new HallConfigException("timeZone", $"unknown time zone '{zone}' (use an IANA name such as Asia/Shanghai)");
        }
    }

    private static HallPolicy ParsePolicy(JsonElement root)
    {
        var defaults = new HallPolicy();
        if (!root.TryGetProperty("policy", out var p))
        {
            return defaults;
        }

        RequireObject(p, "policy");
        AllowOnly(p, "policy", "serviceLevelWaitMinutes", "reinstateWindowMinutes", "defaultHandlingMinutes");
        return new HallPolicy(
            OptionalPositiveInt(p, "serviceLevelWaitMinutes", "policy") ?? defaults.ServiceLevelWaitMinutes,
            OptionalPositiveInt(p, "reinstateWindowMinutes", "policy") ?? defaults.ReinstateWindowMinutes,
            OptionalPositiveNumber(p, "defaultHandlingMinutes", "policy") ?? defaults.DefaultHandlingMinutes);
    }

    private static List<QueueDefinition> ParseQueues(JsonElement root)
    {
        var list = new List<QueueDefinition>();
        var items = RequiredArray(root, "queues", "$");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"queues[{i}]";
            var q = items[i];
            RequireObject(q, path);
            AllowOnly(q, path, "id", "prefix", "name");
            var id = RequiredId(q, path);
            var prefix = RequiredString(q, "prefix", path);
            if (!PrefixPattern().IsMatch(prefix))
            {
                throw new HallConfigException($"{path}.prefix", $"prefix '{prefix}' must be one or two capital letters A–Z");
            }

            Unique(list.Select(x => x.Id), id, $"{path}.id", "queue id");
            Unique(list.Select(x => x.Prefix), prefix, $"{path}.prefix", "queue prefix");
            list.Add(new QueueDefinition(id, prefix, RequiredString(q, "name", path)));
        }

        if (list.Count == 0)
        {
            throw new HallConfigException("queues", "a hall needs at least one queue");
        }

        return list;
    }

    private static List<ServiceDefinition> ParseServices(JsonElement root, List<QueueDefinition> queues, List<CategoryDefinition>? categories)
    {
        var list = new List<ServiceDefinition>();
        var items = RequiredArray(root, "services", "$");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"services[{i}]";
            var s = items[i];
            RequireObject(s, path);
            AllowOnly(s, path, "id", "name", "queue", "needsIdCard", "appointmentAllowed", "dailyLimitPerPerson", "dailyCapacity", "baseline", "nameEn", "category", "initials", "guide");
            var id = RequiredId(s, path);
            Unique(list.Select(x => x.Id), id, $"{path}.id", "service id");
            var queue = RequiredString(s, "queue", path);
            if (queues.All(q => q.Id != queue))
            {
                throw new HallConfigException($"{path}.queue", $"unknown queue '{queue}'");
            }

            var name = RequiredString(s, "name", path);
            list.Add(new ServiceDefinition(
                id,
                name,
                queue,
                OptionalBool(s, "needsIdCard", path) ?? false,
                OptionalBool(s, "appointmentAllowed", path) ?? false,
                OptionalPositiveInt(s, "dailyLimitPerPerson", path),
                OptionalPositiveInt(s, "dailyCapacity", path))
            {
                Baseline = ParseBaseline(s, path),
                NameEn = OptionalNonEmptyString(s, "nameEn", path),
                CategoryId = ParseServiceCategory(s, path, queue, categories),
                Initials = ParseInitials(s, path, name),
                Guide = ParseGuide(s, path),
            });
        }

        if (list.Count == 0)
        {
            throw new HallConfigException("services", "a hall needs at least one service");
        }

        return list;
    }

    private static List<CounterDefinition> ParseCounters(JsonElement root, List<QueueDefinition> queues)
    {
        var list = new List<CounterDefinition>();
        var items = RequiredArray(root, "counters", "$");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"counters[{i}]";
            var c = items[i];
            RequireObject(c, path);
            AllowOnly(c, path, "id", "name", "queues", "fallback");
            var id = RequiredId(c, path);
            Unique(list.Select(x => x.Id), id, $"{path}.id", "counter id");
            var fallback = OptionalBool(c, "fallback", path) ?? false;
            var served = new List<CounterQueue>();
            if (c.TryGetProperty("queues", out _) || !fallback)
            {
                var entries = RequiredArray(c, "queues", path);
                for (var j = 0; j < entries.Count; j++)
                {
                    var qpath = $"{path}.queues[{j}]";
                    var e = entries[j];
                    RequireObject(e, qpath);
                    AllowOnly(e, qpath, "queue", "weight");
                    var queue = RequiredString(e, "queue", qpath);
                    if (queues.All(q => q.Id != queue))
                    {
                        throw new HallConfigException($"{qpath}.queue", $"unknown queue '{queue}'");
                    }

                    Unique(served.Select(x => x.QueueId), queue, $"{qpath}.queue", "queue at this counter");
                    served.Add(new CounterQueue(queue, OptionalPositiveNumber(e, "weight", qpath) ?? 1.0));
                }

                if (served.Count == 0 && !fallback)
                {
                    throw new HallConfigException($"{path}.queues", "a counter that is not the fallback window must serve at least one queue");
                }
            }

            list.Add(new CounterDefinition(id, RequiredString(c, "name", path), served, fallback));
        }

        if (list.Count == 0)
        {
            throw new HallConfigException("counters", "a hall needs at least one counter");
        }

        return list;
    }
}
