using HallDevices.Hosting;
using HallDevices.Queueing.Appointments;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Identity;
using HallDevices.QueueServer.Storage;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Halls;

/// <summary>A hall being served: its engine and its store.</summary>
/// <param name="Engine">The queue engine.</param>
/// <param name="Store">Its durable state.</param>
public sealed record HallRuntime(HallEngine Engine, HallStore Store)
{
    /// <summary>The hall.</summary>
    public HallDefinition Hall => Engine.Hall;
}

/// <summary>
/// Every hall this server runs, loaded at start-up from <see cref="HallOptions.ConfigFile"/> and
/// restored from storage. A bad hall file stops start-up with the file and field named.
/// </summary>
public sealed class HallRegistry : IDisposable
{
    private readonly Dictionary<string, HallRuntime> _halls = new(StringComparer.Ordinal);

    /// <summary>Loads and restores the halls.</summary>
    public HallRegistry(IOptions<HallOptions> hallOptions, IOptions<StorageOptions> storage, IOptions<IdentityOptions> identity, IOptions<AppointmentOptions> appointments, HallChangeFeed feed, ServerMetrics metrics, HallClock clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(hallOptions);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(loggers);
        var log = loggers.CreateLogger<HallRegistry>();
        var time = clock.Time;
        Protector = new CitizenIdProtector(Convert.FromBase64String(identity.Value.HashKey));
        Appointments = new AppointmentCodec(Convert.FromBase64String(appointments.Value.Key));
        foreach (var file in HallFiles(hallOptions.Value.ConfigFile))
        {
            var hall = HallFile.Load(file);
            if (_halls.ContainsKey(hall.Id))
            {
                throw new HallConfigException("id", $"{Path.GetFileName(file)}: hall id '{hall.Id}' is used by another hall file");
            }

            var started = time.GetTimestamp();
            var store = new HallStore(Path.Combine(storage.Value.Path, hall.Id + ".db"), loggers.CreateLogger<HallStore>());
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), hall.TimeZone).DateTime);
            var snapshot = store.Load(today);
            var engine = HallEngine.Restore(hall, new FeedingJournal(store, feed, metrics), time, snapshot);
            _halls[hall.Id] = new HallRuntime(engine, store);
            log.LogInformation(
                "Hall {HallId} ({HallName}) restored from {Database}: {Tickets} tickets, last event {Sequence}, in {Elapsed} ms",
                hall.Id, hall.Name, store.FilePath, snapshot.Tickets.Count, snapshot.LastSequence, time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Turns raw ID numbers into hashes and masks; the raw number goes no further.</summary>
    public CitizenIdProtector Protector { get; }

    /// <summary>Signs and checks appointment codes.</summary>
    public AppointmentCodec Appointments { get; }

    /// <summary>All halls.</summary>
    public IReadOnlyCollection<HallRuntime> Halls => _halls.Values;

    /// <summary>The hall with that id, or null.</summary>
    public HallRuntime? Find(string hallId) => _halls.GetValueOrDefault(hallId);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var h in _halls.Values)
        {
            h.Store.Dispose();
        }
    }

    /// <summary>The hall files of <see cref="HallOptions.ConfigFile"/>: the file, or every <c>*.json</c> of the folder (the report command reads them too).</summary>
    internal static List<string> HallFiles(string configured)
    {
        var path = Path.IsPathRooted(configured) || File.Exists(configured) || Directory.Exists(configured)
            ? configured
            : Path.Combine(AppContext.BaseDirectory, configured);
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
            return files.Count > 0 ? files : throw new HallConfigException("(file)", $"hall folder '{path}' holds no *.json hall file");
        }

        return [path];
    }
}
