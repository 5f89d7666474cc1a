using HallDevices.Queueing.Evaluation;

namespace HallDevices.Queueing.Halls;

/// <summary>
/// One service hall as described by its hall file: the queues citizens wait in, the services they
/// ask for, and the counters (windows) that call them. Immutable once loaded.
/// </summary>
/// <param name="Id">Hall id; namespaces every MQTT topic of the hall.</param>
/// <param name="Name">Display name, e.g. 新庄镇为民服务中心.</param>
/// <param name="TimeZone">The hall's time zone: ticket numbers restart at its local midnight.</param>
/// <param name="Queues">Queues in catalogue order.</param>
/// <param name="Services">Services in catalogue order.</param>
/// <param name="Counters">Counters in catalogue order.</param>
/// <param name="Policy">Waiting and handling rules of the hall.</param>
public sealed record HallDefinition(
    string Id,
    string Name,
    TimeZoneInfo TimeZone,
    IReadOnlyList<QueueDefinition> Queues,
    IReadOnlyList<ServiceDefinition> Services,
    IReadOnlyList<CounterDefinition> Counters,
    HallPolicy Policy)
{
    /// <summary>How the hall takes and follows up ratings (hall file <c>evaluation</c>).</summary>
    public EvaluationPolicy Evaluation { get; init; } = EvaluationPolicy.Default;

    /// <summary>The hall's working days (hall file <c>calendar</c>), for follow-up deadlines.</summary>
    public WorkCalendar Calendar { get; init; } = WorkCalendar.Weekdays;

    /// <summary>The district whose monthly bulletin lists the hall (hall file <c>district</c>), if any.</summary>
    public DistrictRef? District { get; init; }

    /// <summary>
    /// Service categories in hall-file order, parents before their children (hall file
    /// <c>categories</c>); one per queue when the file has none.
    /// </summary>
    public IReadOnlyList<CategoryDefinition> Categories { get; init; } = [];

    /// <summary>Services listed first before today's counts exist (hall file <c>frequent</c>).</summary>
    public IReadOnlyList<string> Frequent { get; init; } = [];

    /// <summary>The online app 全程网办 services point to (hall file <c>onlineApp</c>), if any.</summary>
    public OnlineApp? OnlineApp { get; init; }

    /// <summary>Finds a queue by id.</summary>
    public QueueDefinition? FindQueue(string queueId) => Queues.FirstOrDefault(q => q.Id == queueId);

    /// <summary>Finds a service by id.</summary>
    public ServiceDefinition? FindService(string serviceId) => Services.FirstOrDefault(s => s.Id == serviceId);

    /// <summary>Finds a counter by id.</summary>
    public CounterDefinition? FindCounter(string counterId) => Counters.FirstOrDefault(c => c.Id == counterId);

    /// <summary>
    /// The weight with which <paramref name="counter"/> serves <paramref name="queueId"/>, or null when
    /// it does not serve that queue. The fallback (N+1) window serves every queue, weight 1 unless listed.
    /// </summary>
    public static double? WeightOf(CounterDefinition counter, string queueId)
    {
        ArgumentNullException.ThrowIfNull(counter);
        foreach (var served in counter.Queues)
        {
            if (served.QueueId == queueId)
            {
                return served.Weight;
            }
        }

        return counter.Fallback ? 1.0 : null;
    }

    /// <summary>The queues a counter serves with their weights (every queue for the fallback window).</summary>
    public IReadOnlyList<CounterQueue> QueuesServedBy(CounterDefinition counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        if (!counter.Fallback)
        {
            return counter.Queues;
        }

        return Queues.Select(q => new CounterQueue(q.Id, WeightOf(counter, q.Id) ?? 1.0)).ToList();
    }
}

/// <summary>A queue: one ticket number series (<c>A001</c>, <c>A002</c>, ...).</summary>
/// <param name="Id">Queue id used in requests.</param>
/// <param name="Prefix">One or two capital letters printed before the number.</param>
/// <param name="Name">Display name.</param>
public sealed record QueueDefinition(string Id, string Prefix, string Name);

/// <summary>A service a citizen can choose; each belongs to one queue.</summary>
/// <param name="Id">Service id used in requests.</param>
/// <param name="Name">Display name in Chinese.</param>
/// <param name="QueueId">The queue its tickets join.</param>
/// <param name="NeedsIdCard">True when a ticket needs the resident ID card (实名取号).</param>
/// <param name="AppointmentAllowed">True when online appointments may be checked in for it.</param>
/// <param name="DailyLimitPerPerson">Tickets one person may take per day, or null for no limit.</param>
/// <param name="DailyCapacity">Tickets the hall can handle per day, or null for no limit.</param>
public sealed record ServiceDefinition(
    string Id,
    string Name,
    string QueueId,
    bool NeedsIdCard,
    bool AppointmentAllowed,
    int? DailyLimitPerPerson,
    int? DailyCapacity)
{
    /// <summary>The reference handling time the reports measure against (hall file <c>services[i].baseline</c>), if any.</summary>
    public ServiceBaseline? Baseline { get; init; }

    /// <summary>English name (hall file <c>nameEn</c>), if given.</summary>
    public string? NameEn { get; init; }

    /// <summary>The category it is listed under; the queue's id when the hall file has no categories.</summary>
    public string CategoryId { get; init; } = QueueId;

    /// <summary>Pinyin initials pattern of the name for search (HallDevices.Contracts.PinyinInitials), e.g. <c>sbk</c>.</summary>
    public string Initials { get; init; } = "";

    /// <summary>The service guide (办事指南), if the hall file has one.</summary>
    public ServiceGuide? Guide { get; init; }
}

/// <summary>A counter (window) with the queues it serves.</summary>
/// <param name="Id">Counter id used in requests and topics.</param>
/// <param name="Name">Display name, e.g. 3号窗口.</param>
/// <param name="Queues">Queues served with their weights.</param>
/// <param name="Fallback">True for the N+1 fallback window (兜底窗口) that serves every queue.</param>
public sealed record CounterDefinition(string Id, string Name, IReadOnlyList<CounterQueue> Queues, bool Fallback);

/// <summary>A queue served by a counter, with the weight of that queue at the counter.</summary>
/// <param name="QueueId">The queue.</param>
/// <param name="Weight">Positive weight; the head with the highest weight × waiting time is called.</param>
public sealed record CounterQueue(string QueueId, double Weight);

/// <summary>Hall-wide rules.</summary>
/// <param name="ServiceLevelWaitMinutes">A ticket waiting longer than this is called before others.</param>
/// <param name="ReinstateWindowMinutes">How long after a skip (过号) a ticket may be reinstated.</param>
/// <param name="DefaultHandlingMinutes">Handling time assumed until real handling times are known.</param>
public sealed record HallPolicy(int ServiceLevelWaitMinutes = 30, int ReinstateWindowMinutes = 30, double DefaultHandlingMinutes = 5);
