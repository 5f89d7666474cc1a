using HallDevices.Contracts;
using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk.Tests.Flows;

/// <summary>The catalogue port with two services: one needs an ID card, one does not; the second has a guide.</summary>
internal sealed class FakeCatalog : ICatalogSource
{
    public const string PensionService = "pension-register";
    public const string CertificateService = "certificate-print";

    private readonly Dictionary<string, CatalogService> _services = new()
    {
        [PensionService] = new CatalogService(PensionService, "城乡居民养老保险参保登记", "A", NeedsIdCard: true, AppointmentAllowed: true) { NameEn = "Residents' pension enrolment" },
        [CertificateService] = new CatalogService(CertificateService, "证明打印", "B", NeedsIdCard: false, AppointmentAllowed: false) { NameEn = "Print a certificate" },
    };

    public Dictionary<string, GuideMessage> Guides { get; } = new()
    {
        [CertificateService] = new GuideMessage(
            "xinqiao", CertificateService, "证明打印", "Print a certificate", ["居民身份证原件"], [], LegalDays: 0, PromisedDays: 0, Fee: null, OneTrip: true, OnlineUrl: null, Agency: false),
    };

    public string HallName => "新桥镇为民服务中心";

    public CatalogService? FindService(string serviceId) => _services.GetValueOrDefault(serviceId);

    public GuideMessage? FindGuide(string serviceId) => Guides.GetValueOrDefault(serviceId);
}
