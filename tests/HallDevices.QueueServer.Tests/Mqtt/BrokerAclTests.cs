using HallDevices.QueueServer.Mqtt;
using HallDevices.Testing;
using Microsoft.Extensions.Configuration;

namespace HallDevices.QueueServer.Tests.Mqtt;

public class BrokerAclTests
{
    private static readonly List<MqttAccount> Accounts = SampleAccounts();

    private static List<MqttAccount> SampleAccounts()
    {
        var config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Repo.Root, "queue-server", "HallDevices.QueueServer", "appsettings.json"))
            .Build();
        return config.GetSection("Mqtt").Get<BrokerOptions>()!.Accounts;
    }

    public static TheoryData<string> AllCases => AclMatrix.Names(external: false);

    [Theory]
    [MemberData(nameof(AllCases))]
    public void The_rules_decide_each_case_of_the_matrix(string name)
    {
        var c = AclMatrix.Named(name);
        var account = Accounts.Single(a => a.Username == c.Account.User);
        var allowed = c.Op == AclMatrix.Op.Publish
            ? BrokerAcl.CanPublish(account, account.Username, c.Topic)
              && (!c.Topic.EndsWith("/req/counter", StringComparison.Ordinal) || !c.EmbeddedOnly || BrokerAcl.CanActFor(account, "w5"))
            : BrokerAcl.CanSubscribe(account, account.Username, c.Topic);

        Assert.Equal(c.Allowed, allowed);
    }

    [Fact]
    public void Anyone_may_subscribe_to_their_own_reply_topic_only()
    {
        var kiosk = Accounts.Single(a => a.Username == "kiosk-01");

        Assert.True(BrokerAcl.CanSubscribe(kiosk, "kiosk-01-abc", "reply/kiosk-01-abc/#"));
        Assert.False(BrokerAcl.CanSubscribe(kiosk, "kiosk-01-abc", "reply/+/#"));
        Assert.False(BrokerAcl.CanSubscribe(kiosk, "kiosk-01-abc", "reply/#"));
        Assert.False(BrokerAcl.CanSubscribe(null, "anon", "reply/anon/#"));
    }

    [Fact]
    public void Anonymous_clients_may_only_read_catalogue_and_board()
    {
        Assert.True(BrokerAcl.CanSubscribe(null, "a", "hall/xinqiao/board"));
        Assert.True(BrokerAcl.CanSubscribe(null, "a", "hall/xinqiao/catalog"));
        Assert.True(BrokerAcl.CanSubscribe(null, "a", "hall/xinqiao/guides/+"));
        Assert.True(BrokerAcl.CanSubscribe(null, "a", "hall/xinqiao/guides/social-card"));
        Assert.False(BrokerAcl.CanSubscribe(null, "a", "hall/xinqiao/guides/#"));
        Assert.False(BrokerAcl.CanSubscribe(null, "a", "hall/+/guides/+"));
        Assert.False(BrokerAcl.CanSubscribe(null, "a", "hall/xinqiao/events/#"));
        Assert.False(BrokerAcl.CanPublish(null, "a", "hall/xinqiao/req/ticket"));
    }

    [Fact]
    public void Nobody_but_the_server_may_publish_to_a_wildcard_or_read_across_halls()
    {
        var display = Accounts.Single(a => a.Username == "display-01");

        Assert.False(BrokerAcl.CanSubscribe(display, "d", "hall/+/board"));
        Assert.False(BrokerAcl.CanSubscribe(display, "d", "hall/#"));
        Assert.False(BrokerAcl.CanPublish(display, "d", "hall/xinqiao/req/+"));
    }

    [Fact]
    public void The_shipped_mosquitto_acl_is_the_one_generated_from_the_sample_accounts()
    {
        var shipped = File.ReadAllText(Path.Combine(Repo.Root, "deploy", "mosquitto", "hall.acl"));

        Assert.Equal(MosquittoAcl.Write("queue-server", Accounts), shipped);
    }
}
