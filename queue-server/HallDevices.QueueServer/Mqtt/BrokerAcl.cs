namespace HallDevices.QueueServer.Mqtt;

/// <summary>
/// Who may publish and subscribe to what. Pure rules over topic strings, enforced by the embedded
/// broker and mirrored by <c>deploy/mosquitto/acl</c> for an external Mosquitto:
/// <list type="bullet">
/// <item>server: everything;</item>
/// <item>kiosk: publish <c>req/ticket</c>, <c>req/print-result</c> and its own device status in its hall;
/// subscribe its hall's <c>catalog</c>, <c>board</c>, service guides, counter states, and its reply topic;</item>
/// <item>display: publish <c>req/counter</c> (embedded broker: only for its own counters),
/// <c>req/evaluate</c>, <c>req/events</c> (to fill gaps it sees) and device statuses in its hall;
/// subscribe everything in its hall and its reply topic;</item>
/// <item>integrator: subscribe its hall's <c>events/#</c> and its reply topic; publish <c>req/events</c>
/// (a read-only request for missed events).</item>
/// </list>
/// Anonymous clients (when allowed) may only subscribe to <c>catalog</c>, <c>board</c> and service guides.
/// </summary>
public static class BrokerAcl
{
    /// <summary>True when the account may publish to the topic.</summary>
    public static bool CanPublish(MqttAccount? account, string clientId, string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (account is null || HasWildcard(topic))
        {
            return false;
        }

        if (account.Role == MqttRole.Server)
        {
            return true;
        }

        var t = topic.Split('/');
        if (t.Length < 3 || t[0] != "hall" || !InHall(account, t[1]))
        {
            return false;
        }

        return account.Role switch
        {
            MqttRole.Kiosk => Is(t, "req", "ticket") || Is(t, "req", "print-result")
                || (t.Length == 5 && t[2] == "devices" && t[3] == account.Username && t[4] == "status"),
            MqttRole.Display => Is(t, "req", "counter") || Is(t, "req", "evaluate") || Is(t, "req", "events")
                || (t.Length == 5 && t[2] == "devices" && t[4] == "status"),
            MqttRole.Integrator => Is(t, "req", "events"),
            _ => false,
        };
    }

    /// <summary>True when the account (null: anonymous) may subscribe to the filter.</summary>
    public static bool CanSubscribe(MqttAccount? account, string clientId, string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (account?.Role == MqttRole.Server)
        {
            return true;
        }

        var f = filter.Split('/');
        if (account is not null && f.Length >= 3 && f[0] == "reply" && f[1] == clientId && !HasWildcard(f[1]))
        {
            return true;
        }

        // Every other filter must name a hall literally: "hall/+/..." or "#" would read other halls.
        if (f.Length < 3 || f[0] != "hall" || HasWildcard(f[1]))
        {
            return false;
        }

        if (account is null)
        {
            return IsExactly(f, "catalog") || IsExactly(f, "board") || IsGuide(f);
        }

        if (!InHall(account, f[1]))
        {
            return false;
        }

        return account.Role switch
        {
            MqttRole.Display => true,
            MqttRole.Kiosk => IsExactly(f, "catalog") || IsExactly(f, "board") || IsGuide(f)
                || (f.Length == 5 && f[2] == "counters" && f[4] == "state" && f[3] != "#"),
            MqttRole.Integrator => f[2] == "events" && f.Length <= 4,
            _ => false,
        };
    }

    /// <summary>
    /// True when a message on <paramref name="topic"/> may be delivered to the account. Requests
    /// (<c>hall/+/req/#</c>) carry raw ID numbers and go to the server alone, whatever a client
    /// subscribed to (a display's <c>hall/{id}/#</c> would otherwise read every kiosk's request).
    /// </summary>
    public static bool CanReceive(MqttAccount? account, string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (account?.Role == MqttRole.Server)
        {
            return true;
        }

        var t = topic.Split('/');
        return !(t.Length >= 3 && t[0] == "hall" && t[2] == "req");
    }

    /// <summary>
    /// For displays on the embedded broker: a counter action must name one of the account's
    /// counters. (Mosquitto cannot look into payloads; there the hall is the limit.)
    /// </summary>
    public static bool CanActFor(MqttAccount? account, string? counterId) =>
        account is not null && (account.Role == MqttRole.Server
            || (account.Role == MqttRole.Display && counterId is not null && account.Counters.Contains(counterId, StringComparer.Ordinal)));

    /// <summary><c>hall/{id}/guides/+</c> or one service's guide: public text, like the catalogue.</summary>
    private static bool IsGuide(string[] f) => f.Length == 4 && f[2] == "guides" && f[3] != "#";

    private static bool InHall(MqttAccount account, string hallId) => account.HallId == hallId || (account.HallId == "*" && account.Role is MqttRole.Integrator);

    private static bool Is(string[] t, string a, string b) => t.Length == 4 && t[2] == a && t[3] == b;

    private static bool IsExactly(string[] f, string leaf) => f.Length == 3 && f[2] == leaf;

    private static bool HasWildcard(string s) => s.Contains('+', StringComparison.Ordinal) || s.Contains('#', StringComparison.Ordinal);
}
