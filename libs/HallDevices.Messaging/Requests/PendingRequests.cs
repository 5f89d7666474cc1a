using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HallDevices.Messaging.Requests;

/// <summary>
/// The requests of one client that wait for a reply on <c>{replyTopicBase}{key}</c>, and the
/// matching of replies to them: by correlation data, else by the reply topic's last level, else by
/// the payload's <c>requestId</c>.
/// </summary>
internal sealed class PendingRequests
{
    private readonly ConcurrentDictionary<string, PendingRequest> _pending = new(StringComparer.Ordinal);
    private readonly string _replyTopicBase;
    private readonly string _instanceTag;
    private long _counter;

    /// <param name="replyTopicBase"><c>{ReplyTopicPrefix}/{ClientId}/</c>.</param>
    public PendingRequests(string replyTopicBase)
    {
        _replyTopicBase = replyTopicBase;

        // A per-instance tag in every correlation key: a late reply meant for an earlier process
        // that used the same client id cannot complete one of our requests.
        _instanceTag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    }

    public int Count => _pending.Count;

    /// <summary>A key no other request of this instance (or an earlier one) uses.</summary>
    public string NextKey() => _instanceTag + Interlocked.Increment(ref _counter).ToString("x", CultureInfo.InvariantCulture);

    /// <summary>The topic the reply to the request keyed <paramref name="key"/> is sent to.</summary>
    public string ReplyTopic(string key) => _replyTopicBase + key;

    /// <summary>True for topics under this client's reply filter.</summary>
    public bool IsReplyTopic(string topic) => topic.StartsWith(_replyTopicBase, StringComparison.Ordinal);

    /// <summary>Starts waiting for the reply to the request keyed <paramref name="key"/>.</summary>
    /// <param name="key">From <see cref="NextKey"/>.</param>
    /// <param name="requestId">The payload's <c>requestId</c>, if any.</param>
    public PendingRequest Add(string key, string? requestId)
    {
        var pending = new PendingRequest(this, key, requestId);
        _pending[key] = pending;
        return pending;
    }

    /// <summary>Completes the request <paramref name="reply"/> answers.</summary>
    /// <returns>False when it matches no pending request (late or duplicate).</returns>
    public bool TryComplete(MqttIncomingMessage reply)
    {
        string? key = null;
        if (reply.CorrelationData is { } correlation)
        {
            key = Encoding.UTF8.GetString(correlation.Span);
        }

        if ((key is null || !_pending.ContainsKey(key)) && IsReplyTopic(reply.Topic))
        {
            key = reply.Topic[_replyTopicBase.Length..];
        }

        if (key is not null && _pending.TryGetValue(key, out var pending) && pending.Completion.TrySetResult(reply))
        {
            return true;
        }

        // Last resort for 3.1.1 responders that reply to a fixed topic but echo the requestId.
        var requestId = reply.PayloadRequestId;
        if (requestId is not null)
        {
            foreach (var candidate in _pending.Values)
            {
                if (candidate.RequestId == requestId && candidate.Completion.TrySetResult(reply))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Fails every waiting request with <see cref="OperationCanceledException"/> (the client stops).</summary>
    public void CancelAll(CancellationToken cancellationToken)
    {
        foreach (var pending in _pending.Values)
        {
            pending.Completion.TrySetCanceled(cancellationToken);
        }
    }

    internal void Remove(PendingRequest pending) => _pending.TryRemove(new KeyValuePair<string, PendingRequest>(pending.Key, pending));
}
