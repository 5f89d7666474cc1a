using System.Collections.Concurrent;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Kiosk.Flows;
using HallDevices.Messaging;

namespace HallDevices.Kiosk.Queue;

/// <summary>
/// The retained messages the touch UI is drawn from — the catalogue, the board (waiting counts and
/// today's popular services) and one guide per service — read into what the kiosk shows. A message
/// that does not parse is logged and ignored: the kiosk keeps what it had.
/// </summary>
public sealed class CatalogReader(ILogger log)
{
    private readonly ConcurrentDictionary<string, GuideMessage> _guides = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private CatalogMessage? _catalog;
    private IReadOnlyList<CatalogService> _services = [];
    private IReadOnlyDictionary<string, CatalogService> _byId = new Dictionary<string, CatalogService>();
    private IReadOnlyDictionary<string, int> _waiting = new Dictionary<string, int>();
    private IReadOnlyList<BoardServiceCount> _popular = [];
    private volatile CatalogSnapshot? _snapshot;

    /// <summary>Raised after the catalogue or the board changed.</summary>
    public event Action? Changed;

    /// <summary>
    /// Raised with the service's id after its guide arrived, changed or went. Apart from
    /// <see cref="Changed"/>: on every (re)connection all the hall's guides arrive at once, and only
    /// the one on screen is worth pushing to the page.
    /// </summary>
    public event Action<string>? GuideChanged;

    /// <summary>The catalogue with waiting counts and the 常办事项, once the retained catalogue arrived.</summary>
    public CatalogSnapshot? Snapshot => _snapshot;

    /// <summary>Services in catalogue order (empty before the catalogue arrived).</summary>
    public IReadOnlyList<CatalogService> Services => Volatile.Read(ref _services);

    /// <summary>Today's issued tickets per service, for the services the board lists as popular.</summary>
    public IReadOnlyDictionary<string, int> Popularity
    {
        get
        {
            var popular = Volatile.Read(ref _popular);
            var counts = new Dictionary<string, int>(popular.Count, StringComparer.Ordinal);
            foreach (var p in popular)
            {
                counts.TryAdd(p.ServiceId, p.Issued);
            }

            return counts;
        }
    }

    /// <summary>The hall's name, or null before the catalogue arrived.</summary>
    public string? HallName => _snapshot?.HallName;

    /// <summary>How many guides are held.</summary>
    public int GuideCount => _guides.Count;

    /// <summary>A service by id, or null.</summary>
    public CatalogService? FindService(string serviceId) => Volatile.Read(ref _byId).GetValueOrDefault(serviceId);

    /// <summary>The latest guide of a service (kept even for a service the catalogue does not list yet), or null.</summary>
    public GuideMessage? FindGuide(string serviceId) => _guides.GetValueOrDefault(serviceId);

    /// <summary>Reads the retained <c>catalog</c>.</summary>
    public void ReadCatalog(MqttIncomingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var catalog = ContractJson.Deserialize<CatalogMessage>(message.Payload.Span);
            if (catalog?.Name is null || catalog.Queues is null || catalog.Services is null)
            {
                throw new JsonException("name, queues and services are required");
            }

            if (catalog.Services.Any(s => s?.Id is null || s.Name is null || s.QueueId is null)
                || catalog.Queues.Any(q => q?.Id is null || q.Name is null)
                || catalog.Categories.Any(c => c?.Id is null || c.Name is null))
            {
                throw new JsonException("every queue, category and service needs an id and a name (and a service its queue)");
            }

            var services = catalog.Services.Select(s => new CatalogService(s.Id, s.Name, s.QueueId, s.NeedsIdCard, s.AppointmentAllowed)
            {
                NameEn = s.NameEn,

                // A catalogue from an older server has no categories: its queues stand in for them.
                CategoryId = catalog.Categories.Count > 0 ? s.CategoryId : s.CategoryId ?? s.QueueId,
                Initials = PinyinInitials.IsValid(s.Initials) ? s.Initials : null,
                OneTrip = s.OneTrip,
                Online = s.Online,
                Agency = s.Agency,
            }).ToList();
            lock (_gate)
            {
                _catalog = catalog;
                Volatile.Write(ref _services, services);
                Volatile.Write(ref _byId, services.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));
                Compose();
            }

            Changed?.Invoke();
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            log.LogWarning("Ignoring a catalogue message that does not parse: {Reason}", e.Message);
        }
    }

    /// <summary>Reads the retained <c>board</c>: waiting counts and today's popular services.</summary>
    public void ReadBoard(MqttIncomingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var board = ContractJson.Deserialize<BoardMessage>(message.Payload.Span);
            if (board?.Waiting is null)
            {
                throw new JsonException("waiting is required");
            }

            var waiting = board.Waiting.ToDictionary(q => q.QueueId, q => q.Waiting);
            var popular = board.Popular.Where(p => p?.ServiceId is not null).ToList();
            lock (_gate)
            {
                _waiting = waiting;
                Volatile.Write(ref _popular, popular);
                Compose();
            }

            Changed?.Invoke();
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            log.LogWarning("Ignoring a board message that does not parse: {Reason}", e.Message);
        }
    }

    /// <summary>Reads one retained <c>guides/{serviceId}</c>; an empty payload (a cleared retained message, or a service without a guide) forgets the guide.</summary>
    public void ReadGuide(MqttIncomingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var topicService = message.Topic[(message.Topic.LastIndexOf('/') + 1)..];
        if (message.Payload.IsEmpty)
        {
            Forget(topicService);
            return;
        }

        try
        {
            var guide = ContractJson.Deserialize<GuideMessage>(message.Payload.Span);
            if (guide?.ServiceId is null || guide.Name is null || guide.Materials is null)
            {
                throw new JsonException("serviceId, name and materials are required");
            }

            if (guide.ServiceId != topicService)
            {
                throw new JsonException($"serviceId {guide.ServiceId} does not match the topic's {topicService}");
            }

            // A guide listing no materials is a service whose hall file has no guide (as an older
            // server publishes it): the screen says there is none rather than show an empty list and 不收费.
            if (!guide.Materials.Any(m => !string.IsNullOrWhiteSpace(m)))
            {
                Forget(topicService);
                return;
            }

            // An older or partial writer may leave the conditions out; the screen treats them as none.
            _guides[guide.ServiceId] = guide with { Conditions = guide.Conditions ?? [] };
            GuideChanged?.Invoke(guide.ServiceId);
        }
        catch (JsonException e)
        {
            log.LogWarning("Ignoring the guide on {Topic}: it does not parse ({Reason})", message.Topic, e.Message);
        }
    }

    private void Forget(string serviceId)
    {
        if (_guides.TryRemove(serviceId, out _))
        {
            GuideChanged?.Invoke(serviceId);
        }
    }

    private void Compose()
    {
        if (_catalog is not { } catalog)
        {
            return;
        }

        var waiting = _waiting;
        var queues = catalog.Queues.Select(q => new CatalogQueue(q.Id, q.Name, waiting.GetValueOrDefault(q.Id))).ToList();
        var categories = catalog.Categories.Count > 0
            ? catalog.Categories.Select(c => new CatalogCategory(c.Id, c.Name, c.NameEn, c.ParentId)).ToList()
            : catalog.Queues.Select(q => new CatalogCategory(q.Id, q.Name, null, null)).ToList();
        _snapshot = new CatalogSnapshot(catalog.Name, queues, _services)
        {
            Categories = categories,
            Common = Common(_popular, catalog.Frequent, _byId),
            OnlineApp = catalog.OnlineApp,
        };
    }

    /// <summary>Today's most issued first, then the hall file's frequent services, each once, only services the catalogue lists.</summary>
    internal static IReadOnlyList<string> Common(IEnumerable<BoardServiceCount> popular, IEnumerable<string> frequent, IReadOnlyDictionary<string, CatalogService> known)
    {
        var common = new List<string>(CatalogSnapshot.CommonSize);
        foreach (var id in popular.Where(p => p.Issued > 0).Select(p => p.ServiceId).Concat(frequent))
        {
            if (common.Count < CatalogSnapshot.CommonSize && id is not null && known.ContainsKey(id) && !common.Contains(id))
            {
                common.Add(id);
            }
        }

        return common;
    }
}
