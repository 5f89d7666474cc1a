using BenchmarkDotNet.Attributes;
using HallDevices.Contracts;
using HallDevices.Kiosk.Catalog;
using HallDevices.Kiosk.Flows;
using HallDevices.Kiosk.Queue;
using HallDevices.Messaging;
using HallDevices.Queueing.Halls;
using HallDevices.QueueServer.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.Bench;

/// <summary>
/// The kiosk's search over the sample town's 127 services (issue 16: ≤ 5 ms per query): the
/// catalogue the server publishes, read by the kiosk's own <see cref="CatalogReader"/>, searched by
/// <see cref="ServiceSearch"/> as <c>GET /api/search</c> does for every key the citizen taps.
/// </summary>
[MemoryDiagnoser]
public class ServiceSearchBenchmarks
{
    private IReadOnlyList<CatalogService> _services = [];
    private Dictionary<string, int> _issued = [];

    /// <summary>
    /// What a citizen types: initials in order (社保卡), consecutive initials, one letter (the most
    /// matches), Chinese, nothing found; <c>en:</c> searches in English mode (English names match only there).
    /// </summary>
    [Params("sbk", "ylbx", "s", "社保", "证明", "xq9zz", "en:residence", "en:re")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var hall = HallFile.Load(Path.Combine(AppContext.BaseDirectory, "halls", "sample-town.json"));
        var reader = new CatalogReader(NullLogger.Instance);
        reader.ReadCatalog(new MqttIncomingMessage(Topics.Catalog(hall.Id), ContractJson.SerializeToUtf8Bytes(CatalogMessages.Catalog(hall))));
        _services = reader.Services;
        if (_services.Count != 127)
        {
            throw new InvalidOperationException($"expected the sample town's 127 services, read {_services.Count}");
        }

        // A busy morning's counts, so ties are broken by popularity as at a real kiosk.
        _issued = _services.Select((s, i) => (s.Id, Count: (i * 37) % 23)).ToDictionary(x => x.Id, x => x.Count);
    }

    [Benchmark]
    public int Search() => Query.StartsWith("en:", StringComparison.Ordinal)
        ? ServiceSearch.Find(_services, Query[3..], _issued, language: "en").Count
        : ServiceSearch.Find(_services, Query, _issued, language: "zh").Count;
}
