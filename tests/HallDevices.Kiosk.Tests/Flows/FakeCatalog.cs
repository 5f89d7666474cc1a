using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk.Tests.Flows;

/// <summary>The catalogue port with two services: one needs an ID card, one does not.</summary>
internal sealed class FakeCatalog : ICatalogSource
{
    public const string PensionService = "pension-register";
    public const string CertificateService = "certificate-print";

    private readonly Dictionary<string, CatalogService> _services = new()
    {
        [PensionService] = new CatalogService(PensionService, "城乡居民养老保险参保登记", "A", NeedsIdCard: true, AppointmentAllowed: true),
        [CertificateService] = new CatalogService(CertificateService, "证明打印", "B", NeedsIdCard: false, AppointmentAllowed: false),
    };

    public string HallName => "新桥镇为民服务中心";

    public CatalogService? FindService(string serviceId) => _services.GetValueOrDefault(serviceId);
}
