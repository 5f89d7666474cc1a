using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HallDevices.Messaging.Connection;
using HallDevices.Messaging.Requests;
using HallDevices.Messaging.Subscriptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace HallDevices.Messaging;

/// <summary>
/// The resilient MQTT client every HallDevices app uses (MQTTnet 5 has no managed client).
/// <list type="bullet">
/// <item>One background loop connects, and after any loss reconnects with exponential backoff and
/// jitter, then resubscribes every registered subscription before reporting
/// <see cref="MqttConnectionState.Connected"/>.</item>
/// <item>Everything is published with QoS 1. A publish made while disconnected waits for the
/// connection up to <see cref="MqttConnectionOptions.PublishTimeout"/> and then throws
/// <see cref="MqttDeliveryTimeoutException"/>; if the connection drops mid-publish it is retried on
/// the next connection (at-least-once: a duplicate is possible, a silent loss is not).</item>
/// <item>Requests use the MQTT 5 Response Topic + Correlation Data (or, on 3.1.1, <c>"replyTo"</c> in
/// the JSON payload) and wait for the reply on <c>{ReplyTopicPrefix}/{ClientId}/{key}</c>.</item>
/// <item>Handlers run one at a time in arrival order on a dispatcher task, never on MQTTnet's
/// receive loop, so a handler may itself publish or make requests.</item>
/// </list>
/// Register with <see cref="MessagingServiceCollectionExtensions.AddHallMqttClient"/> (it is an
/// <see cref="IHostedService"/>), or create directly and call <see cref="StartAsync"/>.
/// </summary>
/// <remarks>
/// A façade (MQTTnet's own split is the model): <see cref="ConnectionLoop"/> owns the connection
/// and its state, <see cref="MqttClientOptionsFactory"/> the MQTTnet options, <see cref="SubscriptionRegistry"/>
/// and <see cref="MessageDispatcher"/> the subscriptions and their handlers, <see cref="PendingRequests"/>
/// the requests waiting for replies, <see cref="Log"/> the log messages. This class keeps the public
/// API, publishing (wait for the connection, retry after a loss) and request/reply.
/// </remarks>
public sealed class HallMqttClient : IHostedService, IAsyncDisposable
{
    private readonly MqttConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly JsonSerializerOptions _json;
    private readonly MqttProtocolVersion _protocol;

    // One lock for the loop's ready state and the subscriptions (see SubscriptionRegistry).
    private readonly Lock _gate = new();
    private readonly SubscriptionRegistry _subscriptions;
    private readonly MessageDispatcher _dispatch;
    private readonly PendingRequests _pending;
    private readonly ConnectionLoop _connection;
    private readonly CancellationTokenSource _stop = new();

    // Guarded by _gate.
    private Task? _loop;
    private Task? _dispatcher;
    private Task? _replySubscription;
    private int _disposed;

    /// <summary>Creates a client for direct use (tests, load generators running many clients).</summary>
    /// <param name="options">Connection options; copied, so later changes have no effect.</param>
    /// <param name="logger">Logger; none when null.</param>
    /// <param name="timeProvider">Clock for backoff and timeouts; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="jsonOptions">JSON options for the *Json methods; <see cref="MqttJson.Default"/> when null.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public HallMqttClient(MqttConnectionOptions options, ILogger<HallMqttClient>? logger = null, TimeProvider? timeProvider = null, JsonSerializerOptions? jsonOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = MqttConnectionOptionsValidator.Check(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(MqttConnectionOptions), errors);
        }

        _options = options.Clone();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _json = jsonOptions ?? MqttJson.Default;
        _protocol = _options.ParsedProtocolVersion;
        ClientId = string.IsNullOrEmpty(_options.ClientId) ? "hd-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) : _options.ClientId;
        ReplyTopicFilter = $"{_options.ReplyTopicPrefix}/{ClientId}/#";
        _pending = new PendingRequests($"{_options.ReplyTopicPrefix}/{ClientId}/");
        _subscriptions = new SubscriptionRegistry(_gate);
        _dispatch = new MessageDispatcher(_subscriptions, _logger);
        _connection = new ConnectionLoop(
            _options,
            new MqttClientOptionsFactory(_options, ClientId),
            _subscriptions,
            _gate,
            ClientId,
            ProtocolVersion,
            OnMessageReceivedAsync,
            e => StateChanged?.Invoke(this, e),
            _logger,
            _time);
    }

    /// <summary>Creates a client from DI-bound options.</summary>
    /// <param name="options">Options bound from configuration section <c>Mqtt</c>.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="timeProvider">Clock; <see cref="TimeProvider.System"/> when null.</param>
    public HallMqttClient(IOptions<MqttConnectionOptions> options, ILogger<HallMqttClient> logger, TimeProvider? timeProvider = null)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, logger, timeProvider)
    {
    }

    /// <summary>Raised on every connection state transition, from the connection loop; keep handlers short.</summary>
    public event EventHandler<MqttConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>The MQTT client id in use (generated when the options left it empty).</summary>
    public string ClientId { get; }

    /// <summary>The MQTT protocol spoken: <c>5</c> or <c>3.1.1</c>.</summary>
    public string ProtocolVersion => _protocol == MqttProtocolVersion.V500 ? "5" : "3.1.1";

    /// <summary>Current connection state.</summary>
    public MqttConnectionState State => _connection.State;

    /// <summary>True while connected with all subscriptions in place.</summary>
    public bool IsConnected => State == MqttConnectionState.Connected;

    /// <summary>Topic filter on which this client receives replies: <c>{ReplyTopicPrefix}/{ClientId}/#</c>.</summary>
    public string ReplyTopicFilter { get; }

    /// <summary>
    /// Starts the connection loop and returns at once, so an app starts even while the broker is
    /// down. Use <see cref="WaitUntilConnectedAsync"/> to wait for the first connection.
    /// </summary>
    /// <param name="cancellationToken">Not used beyond the call itself.</param>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_gate)
        {
            if (_loop is not null)
            {
                return Task.CompletedTask;
            }

            _dispatcher = Task.Run(() => _dispatch.RunAsync(_stop.Token), CancellationToken.None);
            _loop = Task.Run(() => _connection.RunAsync(_stop.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits until the client is connected and resubscribed.</summary>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">Not connected within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var ready = _connection.Ready;
        try
        {
            await ready.WaitAsync(timeout, _time, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"MQTT client '{ClientId}' did not connect to {_options.Host}:{_options.Port} within {timeout.TotalSeconds:0.###} s.", ex);
        }
    }

    /// <summary>
    /// Stops reconnecting and disconnects cleanly (the broker does not publish the last will).
    /// Pending requests fail with <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="cancellationToken">Abandons waiting for the loop and the handlers to finish.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task? loop, dispatcher;
        lock (_gate)
        {
            loop = _loop;
            dispatcher = _dispatcher;
        }

        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        _dispatch.Complete();
        _pending.CancelAll(_stop.Token);

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken);
        }

        if (dispatcher is not null)
        {
            await dispatcher.WaitAsync(cancellationToken);
        }

        _connection.SetState(MqttConnectionState.Stopped, null);
    }

    /// <summary>Stops the client (see <see cref="StopAsync"/>) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
        try
        {
            await StopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // A handler did not finish within 5 s; disposal must not hang the host.
        }

        _stop.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="callback"/> after every (re)connection, once subscriptions are back —
    /// e.g. to republish a device's retained <c>online:true</c> status. Its token is cancelled when
    /// that connection is lost. Exceptions are logged.
    /// </summary>
    /// <param name="callback">The work to do on each connection.</param>
    /// <returns>Dispose to unregister.</returns>
    public IDisposable OnConnected(Func<CancellationToken, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _connection.OnConnected(callback);
    }

    /// <summary>
    /// Publishes <paramref name="payload"/> with QoS 1. Waits for the connection if needed; returns
    /// once the broker acknowledged (PUBACK).
    /// </summary>
    /// <param name="topic">Topic without wildcards.</param>
    /// <param name="payload">Payload bytes; empty with <paramref name="retain"/> clears a retained message.</param>
    /// <param name="retain">Ask the broker to keep it as the topic's retained message.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <exception cref="MqttDeliveryTimeoutException">Not connected or not acknowledged within <see cref="MqttConnectionOptions.PublishTimeout"/>.</exception>
    /// <exception cref="MqttOperationRejectedException">The broker refused it (MQTT 5 reason code, e.g. not authorized).</exception>
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain = false, CancellationToken cancellationToken = default)
    {
        ValidateTopicName(topic);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        return PublishCoreAsync(message, _options.PublishTimeout, cancellationToken);
    }

    /// <summary>Serializes <paramref name="value"/> as contract JSON and publishes it with QoS 1 (see <see cref="PublishAsync"/>).</summary>
    /// <param name="topic">Topic without wildcards.</param>
    /// <param name="value">The message.</param>
    /// <param name="retain">Ask the broker to keep it as the topic's retained message.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    public Task PublishJsonAsync<T>(string topic, T value, bool retain = false, CancellationToken cancellationToken = default) =>
        PublishAsync(topic, JsonSerializer.SerializeToUtf8Bytes(value, _json), retain, cancellationToken);

    /// <summary>Removes the retained message of <paramref name="topic"/> (publishes an empty retained payload).</summary>
    /// <param name="topic">Topic without wildcards.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    public Task ClearRetainedAsync(string topic, CancellationToken cancellationToken = default) =>
        PublishAsync(topic, ReadOnlyMemory<byte>.Empty, retain: true, cancellationToken);

    /// <summary>
    /// Subscribes (QoS 1) and routes matching messages to <paramref name="handler"/>. The
    /// subscription is remembered and renewed after every reconnection. Called while connected it
    /// returns after the broker granted it; called while disconnected it returns at once and takes
    /// effect on connection. Handlers run one at a time in arrival order; an exception is logged
    /// and does not stop later messages.
    /// </summary>
    /// <param name="topicFilter">Topic filter, wildcards and <c>$share/group/...</c> allowed.</param>
    /// <param name="handler">Called with each message and a token cancelled when the client stops.</param>
    /// <param name="cancellationToken">Cancels the broker round trip.</param>
    /// <returns>Dispose to remove the handler (and unsubscribe if no other handler uses the filter).</returns>
    /// <exception cref="MqttOperationRejectedException">The broker refused the subscription.</exception>
    public async Task<IAsyncDisposable> SubscribeAsync(string topicFilter, Func<MqttIncomingMessage, CancellationToken, Task> handler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var subscription = new Subscription(topicFilter, handler, UnsubscribeAsync);
        await AddSubscriptionAsync(subscription, cancellationToken);
        return subscription;
    }

    /// <summary>
    /// Sends a request and waits for its reply. MQTT 5: Response Topic
    /// <c>{ReplyTopicPrefix}/{ClientId}/{key}</c> and Correlation Data <c>key</c>. MQTT 3.1.1: the
    /// payload must be a JSON object and gets <c>"replyTo": "{ReplyTopicPrefix}/{ClientId}/{key}"</c>;
    /// the reply is matched by correlation data, by the reply topic's key, or by the reply payload's
    /// <c>requestId</c>. Every contract request should carry its own <c>requestId</c> so a retry is idempotent.
    /// </summary>
    /// <param name="topic">Request topic.</param>
    /// <param name="payload">Request payload (a JSON object for MQTT 3.1.1).</param>
    /// <param name="timeout">Time allowed for connection + publish + reply; <see cref="MqttConnectionOptions.RequestTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The reply message.</returns>
    /// <exception cref="MqttRequestTimeoutException">No reply within the timeout.</exception>
    /// <exception cref="ArgumentException">MQTT 3.1.1 and the payload is not a JSON object.</exception>
    public async Task<MqttIncomingMessage> RequestAsync(string topic, ReadOnlyMemory<byte> payload, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ValidateTopicName(topic);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var allowed = timeout ?? _options.RequestTimeout;
        var key = _pending.NextKey();
        var replyTopic = _pending.ReplyTopic(key);

        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        string? requestId;
        if (_protocol == MqttProtocolVersion.V500)
        {
            requestId = MqttIncomingMessage.ReadTopLevelStrings(payload.Span).RequestId;
            builder.WithPayload(new ReadOnlySequence<byte>(payload))
                .WithResponseTopic(replyTopic)
                .WithCorrelationData(Encoding.UTF8.GetBytes(key));
        }
        else
        {
            (var withReplyTo, requestId) = ReplyTo.Add(payload, replyTopic);
            builder.WithPayload(withReplyTo);
        }

        using var pending = _pending.Add(key, requestId);
        using var timeoutCts = new CancellationTokenSource(allowed, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutCts.Token, cancellationToken, _stop.Token);
        try
        {
            await EnsureReplySubscriptionAsync(linked.Token);
            // No publish timer of its own: the request's single deadline decides, so a timeout is
            // always reported as a request timeout.
            await PublishCoreAsync(builder.Build(), Timeout.InfiniteTimeSpan, linked.Token);
            return await pending.WaitAsync(linked.Token);
        }
        catch (Exception ex) when (timeoutCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                                   && ex is OperationCanceledException or MqttDeliveryTimeoutException)
        {
            _logger.LogRequestTimeout(topic, allowed.TotalMilliseconds);
            throw new MqttRequestTimeoutException(topic, allowed, ex);
        }
    }

    /// <summary>Serializes <paramref name="request"/>, sends it (see <see cref="RequestAsync"/>) and deserializes the reply.</summary>
    /// <param name="topic">Request topic.</param>
    /// <param name="request">Request message; should carry a <c>requestId</c>.</param>
    /// <param name="timeout">Time allowed; <see cref="MqttConnectionOptions.RequestTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="MqttRequestTimeoutException">No reply within the timeout.</exception>
    /// <exception cref="JsonException">The reply does not fit <typeparamref name="TResponse"/>.</exception>
    public async Task<TResponse> RequestJsonAsync<TRequest, TResponse>(string topic, TRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(topic, JsonSerializer.SerializeToUtf8Bytes(request, _json), timeout, cancellationToken);
        return reply.Deserialize<TResponse>(_json) ?? throw new JsonException($"Reply on '{reply.Topic}' was JSON null.");
    }

    /// <summary>
    /// Server side of request/reply: publishes <paramref name="payload"/> (QoS 1) to the request's
    /// MQTT 5 Response Topic, or else to its payload <c>replyTo</c>, echoing its Correlation Data.
    /// </summary>
    /// <param name="request">The received request.</param>
    /// <param name="payload">Reply payload.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <returns>False (and a logged warning) when the request named no reply topic, or one outside
    /// <c>{ReplyTopicPrefix}/</c> while <see cref="MqttConnectionOptions.RestrictReplyTopics"/> is on.</returns>
    public async Task<bool> ReplyAsync(MqttIncomingMessage request, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.ReplyTopic;
        if (string.IsNullOrEmpty(target))
        {
            _logger.LogNoReplyTopic(request.Topic);
            return false;
        }

        if (target.IndexOfAny(['+', '#']) >= 0
            || (_options.RestrictReplyTopics && !target.StartsWith(_options.ReplyTopicPrefix + "/", StringComparison.Ordinal)))
        {
            _logger.LogReplyTopicRefused(request.Topic, target);
            return false;
        }

        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(target)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (request.CorrelationData is { } correlation && _protocol == MqttProtocolVersion.V500)
        {
            builder.WithCorrelationData(correlation.ToArray());
        }

        await PublishCoreAsync(builder.Build(), _options.PublishTimeout, cancellationToken);
        return true;
    }

    /// <summary>Serializes <paramref name="reply"/> and sends it as the reply to <paramref name="request"/> (see <see cref="ReplyAsync"/>).</summary>
    /// <param name="request">The received request.</param>
    /// <param name="reply">Reply message, e.g. <c>{ok:true,...}</c>.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    public Task<bool> ReplyJsonAsync<T>(MqttIncomingMessage request, T reply, CancellationToken cancellationToken = default) =>
        ReplyAsync(request, JsonSerializer.SerializeToUtf8Bytes(reply, _json), cancellationToken);

    // ---------------------------------------------------------------- publish

    private async Task PublishCoreAsync(MqttApplicationMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_stop.IsCancellationRequested)
        {
            throw new InvalidOperationException($"MQTT client '{ClientId}' is stopped; cannot publish to '{message.Topic}'.");
        }

        using var timeoutCts = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutCts.Token, cancellationToken, _stop.Token);
        var connected = false;
        var retry = false;
        while (true)
        {
            try
            {
                if (retry)
                {
                    // A failure MQTTnet reports before its Disconnected event would otherwise spin
                    // on the dead client; a short pause lets the connection loop notice.
                    await Task.Delay(TimeSpan.FromMilliseconds(20), _time, linked.Token);
                }

                retry = true;
                var ready = _connection.Ready;
                connected = false;
                var client = await ready.WaitAsync(linked.Token);
                connected = true;
                var result = await client.PublishAsync(message, linked.Token);
                if (!result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
                {
                    throw new MqttOperationRejectedException("publish", message.Topic, result.ReasonCode.ToString(), result.ReasonString);
                }

                return;
            }
            catch (OperationCanceledException ex) when (timeoutCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !_stop.IsCancellationRequested)
            {
                _logger.LogPublishTimeout(message.Topic, timeout.TotalMilliseconds, connected);
                throw new MqttDeliveryTimeoutException(message.Topic, timeout, connected, ex);
            }
            catch (Exception ex) when (!linked.IsCancellationRequested
                                       && ex is MqttCommunicationException or ObjectDisposedException or OperationCanceledException)
            {
                // The connection died under this publish. Whether the broker got it is unknown, so
                // send it again on the next connection: at-least-once, never silently lost.
                _logger.LogPublishRetry(message.Topic, ex.GetType().Name);
                _connection.MarkNotReadyIf(ex);
            }
        }
    }

    // ---------------------------------------------------------------- subscriptions and replies

    private async Task AddSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        IMqttClient? client;
        bool alreadySubscribed;
        lock (_gate)
        {
            // One step: either the loop's resubscribe pass sees it, or we see the ready client.
            alreadySubscribed = _subscriptions.Add(subscription) && subscription.IsReplyRoute;
            client = _connection.ReadyClient;
        }

        if (client is null || alreadySubscribed)
        {
            // Not connected: the connection loop subscribes it before reporting Connected.
            return;
        }

        try
        {
            var result = await client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(subscription.TopicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                cancellationToken);
            var refused = result.Items.FirstOrDefault(i => !SubscriptionRegistry.IsGranted(i.ResultCode));
            if (refused is not null)
            {
                _subscriptions.Remove(subscription);
                throw new MqttOperationRejectedException("subscribe", subscription.TopicFilter, refused.ResultCode.ToString(), result.ReasonString);
            }
        }
        catch (Exception ex) when (ex is MqttCommunicationException or ObjectDisposedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Lost the connection mid-subscribe: the subscription stays and the loop renews it.
            _logger.LogSubscribeDeferred(subscription.TopicFilter, ex.GetType().Name);
        }
    }

    private async ValueTask UnsubscribeAsync(Subscription subscription)
    {
        if (!_subscriptions.Remove(subscription))
        {
            return;
        }

        var client = _connection.ReadyClient;
        if (client is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
            await client.UnsubscribeAsync(new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter(subscription.TopicFilter).Build(), timeout.Token);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or ObjectDisposedException or OperationCanceledException)
        {
            // Best effort: without the subscription nothing is dispatched, and a reconnect drops it anyway.
            _logger.LogSubscribeDeferred(subscription.TopicFilter, ex.GetType().Name);
        }
    }

    private async Task EnsureReplySubscriptionAsync(CancellationToken cancellationToken)
    {
        // The reply filter is subscribed lazily: apps that never request (a read-only integrator)
        // need no ACL entry for it. Concurrent first requests all await the same SUBACK, so none
        // publishes before the broker routes replies to us.
        Task subscription;
        lock (_gate)
        {
            // Task.Run: start the broker round trip outside the lock.
            subscription = _replySubscription ??= Task.Run(() => AddSubscriptionAsync(new Subscription(ReplyTopicFilter, null, UnsubscribeAsync), _stop.Token), CancellationToken.None);
        }

        try
        {
            await subscription.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (subscription.IsFaulted || subscription.IsCanceled)
        {
            // Refused or cancelled: let the next request try again rather than fail forever.
            lock (_gate)
            {
                if (ReferenceEquals(_replySubscription, subscription))
                {
                    _replySubscription = null;
                }
            }

            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException("MQTT client stopped.", ex);
            }

            throw;
        }
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var m = e.ApplicationMessage;
        var message = new MqttIncomingMessage(
            m.Topic,
            m.Payload.IsEmpty ? ReadOnlyMemory<byte>.Empty : m.Payload.ToArray(),
            m.ResponseTopic,
            m.CorrelationData is { Length: > 0 } correlation ? correlation.ToArray() : null,
            m.Retain);

        if (_pending.IsReplyTopic(m.Topic))
        {
            // Replies complete their request right here: no handler queue to wait behind, so a
            // handler that makes a request cannot deadlock the dispatcher.
            if (!_pending.TryComplete(message))
            {
                _logger.LogUnmatchedReply(message.Topic);
            }

            return Task.CompletedTask;
        }

        if (!_dispatch.TryPost(message))
        {
            _logger.LogDroppedAfterStop(m.Topic);
        }

        return Task.CompletedTask;
    }

    // ---------------------------------------------------------------- helpers

    private static void ValidateTopicName(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (topic.IndexOfAny(['+', '#']) >= 0)
        {
            throw new ArgumentException($"Topic '{topic}' contains a wildcard; only subscriptions may.", nameof(topic));
        }
    }
}
