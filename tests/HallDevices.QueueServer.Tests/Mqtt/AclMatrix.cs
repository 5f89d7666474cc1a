using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Mqtt;

/// <summary>The security matrix of issue #3: what each role may not do, plus controls it may.</summary>
public static class AclMatrix
{
    public enum Op { Publish, Subscribe }

    /// <param name="Account">Who tries.</param>
    /// <param name="Op">Publish or subscribe.</param>
    /// <param name="Topic">Topic or filter.</param>
    /// <param name="Allowed">Expected outcome.</param>
    /// <param name="Payload">Payload for publishes.</param>
    /// <param name="EmbeddedOnly">Needs the payload check only the embedded broker can do.</param>
    public sealed record Case(string Name, (string User, string Password) Account, Op Op, string Topic, bool Allowed, string Payload = "{}", bool EmbeddedOnly = false)
    {
        public override string ToString() => Name;
    }

    public static readonly Case[] Cases =
    [
        new("kiosk may request tickets", Sample.Kiosk, Op.Publish, "hall/xinqiao/req/ticket", true, """{"requestId":"acl-k1","serviceId":"consultation"}"""),
        new("kiosk may report its own status", Sample.Kiosk, Op.Publish, "hall/xinqiao/devices/kiosk-01/status", true, """{"online":true,"health":"ok"}"""),
        new("kiosk may read the board", Sample.Kiosk, Op.Subscribe, "hall/xinqiao/board", true),
        new("kiosk may read the service guides", Sample.Kiosk, Op.Subscribe, "hall/xinqiao/guides/+", true),
        new("kiosk may not overwrite a guide", Sample.Kiosk, Op.Publish, "hall/xinqiao/guides/social-card", false),
        new("kiosk may not read other halls' guides", Sample.Kiosk, Op.Subscribe, "hall/other/guides/+", false),
        new("kiosk may not send counter actions", Sample.Kiosk, Op.Publish, "hall/xinqiao/req/counter", false, """{"requestId":"acl-k2","counterId":"w1","action":"login","staffId":"x"}"""),
        new("kiosk may not evaluate", Sample.Kiosk, Op.Publish, "hall/xinqiao/req/evaluate", false),
        new("kiosk may not request tickets in another hall", Sample.Kiosk, Op.Publish, "hall/other/req/ticket", false),
        new("kiosk may not overwrite the board", Sample.Kiosk, Op.Publish, "hall/xinqiao/board", false),
        new("kiosk may not report another device's status", Sample.Kiosk, Op.Publish, "hall/xinqiao/devices/kiosk-02/status", false),
        new("kiosk may not read events", Sample.Kiosk, Op.Subscribe, "hall/xinqiao/events/#", false),
        new("kiosk may not read the whole hall", Sample.Kiosk, Op.Subscribe, "hall/xinqiao/#", false),
        new("kiosk may not read other halls' boards", Sample.Kiosk, Op.Subscribe, "hall/other/board", false),
        new("kiosk may not read others' replies", Sample.Kiosk, Op.Subscribe, "reply/display-01/#", false),
        new("display may send counter actions", Sample.KeypadW3, Op.Publish, "hall/xinqiao/req/counter", true, """{"requestId":"acl-d1","counterId":"w3","action":"logout"}"""),
        new("display may read its hall", Sample.KeypadW3, Op.Subscribe, "hall/xinqiao/#", true),
        new("display may not act for another counter", Sample.KeypadW3, Op.Publish, "hall/xinqiao/req/counter", false, """{"requestId":"acl-d2","counterId":"w5","action":"logout"}""", EmbeddedOnly: true),
        new("display may not request tickets", Sample.KeypadW3, Op.Publish, "hall/xinqiao/req/ticket", false),
        new("display may not act in another hall", Sample.KeypadW3, Op.Publish, "hall/other/req/counter", false),
        new("display may not overwrite the catalogue", Sample.KeypadW3, Op.Publish, "hall/xinqiao/catalog", false),
        new("display may not overwrite a guide", Sample.KeypadW3, Op.Publish, "hall/xinqiao/guides/social-card", false),
        new("display may not read another hall", Sample.KeypadW3, Op.Subscribe, "hall/other/#", false),
        new("display may not read everything", Sample.KeypadW3, Op.Subscribe, "#", false),
        new("integrator may read events", Sample.Integrator, Op.Subscribe, "hall/xinqiao/events/#", true),
        new("integrator may not request tickets", Sample.Integrator, Op.Publish, "hall/xinqiao/req/ticket", false),
        new("integrator may not send counter actions", Sample.Integrator, Op.Publish, "hall/xinqiao/req/counter", false),
        new("integrator may not read the board", Sample.Integrator, Op.Subscribe, "hall/xinqiao/board", false),
        new("integrator may not read counter states", Sample.Integrator, Op.Subscribe, "hall/xinqiao/counters/+/state", false),
        new("integrator may not read other halls' events", Sample.Integrator, Op.Subscribe, "hall/other/events/#", false),
    ];

    public static TheoryData<string> Names(bool external)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases.Where(c => !external || !c.EmbeddedOnly))
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static Case Named(string name) => Cases.Single(c => c.Name == name);
}
