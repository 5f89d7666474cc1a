using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
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
public sealed partial class HallMqttClient : IHostedService, IAsyncDisposable
{
    private static readonly MqttClientFactory Factory = new();

    private readonly MqttConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly JsonSerializerOptions _json;
    private readonly MqttProtocolVersion _protocol;
    private readonly string _replyTopicBase;
    private readonly string _instanceTag;
    private readonly X509Certificate2Collection? _caCertificates;

    private readonly Lock _gate = new();
    private readonly List<Registration> _registrations = [];
    private readonly List<Func<CancellationToken, Task>> _onConnected = [];
    private readonly ConcurrentDictionary<string, PendingRequest> _pending = new(StringComparer.Ordinal);
    private readonly Channel<MqttIncomingMessage> _inbox = Channel.CreateUnbounded<MqttIncomingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();

    // Guarded by _gate: the connected client (null while disconnected) and the task waiters await.
    private IMqttClient? _readyClient;
    private TaskCompletionSource<IMqttClient> _ready = NewReadySource();
    private int _registrationVersion;
    private MqttConnectionState _state = MqttConnectionState.Idle;

    private Task? _loop;
    private Task? _dispatcher;
    private Task? _replySubscription;
    private long _requestCounter;
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
        _replyTopicBase = $"{_options.ReplyTopicPrefix}/{ClientId}/";

        // A per-instance tag in every correlation key: a late reply meant for an earlier process
        // that used the same client id cannot complete one of our requests.
        _instanceTag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        if (_options.UseTls && !string.IsNullOrEmpty(_options.CaCertificatePath))
        {
            _caCertificates = [];
            _caCertificates.ImportFromPemFile(_options.CaCertificatePath);
        }
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
    public MqttConnectionState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>True while connected with all subscriptions in place.</summary>
    public bool IsConnected => State == MqttConnectionState.Connected;

    /// <summary>Topic filter on which this client receives replies: <c>{ReplyTopicPrefix}/{ClientId}/#</c>.</summary>
    public string ReplyTopicFilter => _replyTopicBase + "#";

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

            _dispatcher = Task.Run(() => DispatchLoopAsync(_stop.Token), CancellationToken.None);
            _loop = Task.Run(() => ConnectionLoopAsync(_stop.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits until the client is connected and resubscribed.</summary>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">Not connected within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Task<IMqttClient> ready;
        lock (_gate)
        {
            ready = _ready.Task;
        }

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

        _inbox.Writer.TryComplete();
        foreach (var pending in _pending.Values)
        {
            pending.Completion.TrySetCanceled(_stop.Token);
        }

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken);
        }

        if (dispatcher is not null)
        {
            await dispatcher.WaitAsync(cancellationToken);
        }

        SetState(MqttConnectionState.Stopped, null);
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
        lock (_gate)
        {
            _onConnected.Add(callback);
        }

        return new CallbackRegistration(this, callback);
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
        var registration = new Registration(this, topicFilter, handler);
        await AddRegistrationAsync(registration, cancellationToken);
        return registration;
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
        var key = _instanceTag + Interlocked.Increment(ref _requestCounter).ToString("x", CultureInfo.InvariantCulture);
        var replyTopic = _replyTopicBase + key;

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
            (var withReplyTo, requestId) = AddReplyTo(payload, replyTopic);
            builder.WithPayload(withReplyTo);
        }

        var pending = new PendingRequest(requestId);
        _pending[key] = pending;
        using var timeoutCts = new CancellationTokenSource(allowed, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutCts.Token, cancellationToken, _stop.Token);
        try
        {
            await EnsureReplySubscriptionAsync(linked.Token);
            // No publish timer of its own: the request's single deadline decides, so a timeout is
            // always reported as a request timeout.
            await PublishCoreAsync(builder.Build(), Timeout.InfiniteTimeSpan, linked.Token);
            return await pending.Completion.Task.WaitAsync(linked.Token);
        }
        catch (Exception ex) when (timeoutCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                                   && ex is OperationCanceledException or MqttDeliveryTimeoutException)
        {
            LogRequestTimeout(topic, allowed.TotalMilliseconds);
            throw new MqttRequestTimeoutException(topic, allowed, ex);
        }
        finally
        {
            _pending.TryRemove(key, out _);
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
            LogNoReplyTopic(request.Topic);
            return false;
        }

        if (target.IndexOfAny(['+', '#']) >= 0
            || (_options.RestrictReplyTopics && !target.StartsWith(_options.ReplyTopicPrefix + "/", StringComparison.Ordinal)))
        {
            LogReplyTopicRefused(request.Topic, target);
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

    // ---------------------------------------------------------------- connection loop

    private async Task ConnectionLoopAsync(CancellationToken stop)
    {
        var attempt = 0;
        var everConnected = false;
        while (!stop.IsCancellationRequested)
        {
            SetState(everConnected || attempt > 0 ? MqttConnectionState.Reconnecting : MqttConnectionState.Connecting, null);
            var client = Factory.CreateMqttClient();
            var lost = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
            client.DisconnectedAsync += e =>
            {
                lost.TrySetResult(e);
                return Task.CompletedTask;
            };

            Exception? failure = null;
            using var connectionCts = CancellationTokenSource.CreateLinkedTokenSource(stop);
            try
            {
                using (var connectTimeout = new CancellationTokenSource(_options.ConnectTimeout, _time))
                using (var connectToken = CancellationTokenSource.CreateLinkedTokenSource(stop, connectTimeout.Token))
                {
                    var result = await client.ConnectAsync(BuildClientOptions(), connectToken.Token);
                    if (result.ResultCode != MqttClientConnectResultCode.Success)
                    {
                        throw new MqttOperationRejectedException("connect", $"{_options.Host}:{_options.Port}", result.ResultCode.ToString(), result.ReasonString);
                    }

                    await ResubscribeAndMarkReadyAsync(client, connectToken.Token);
                }

                attempt = 0;
                everConnected = true;
                LogConnected(ClientId, _options.Host, _options.Port, ProtocolVersion);
                SetState(MqttConnectionState.Connected, null);
                RunOnConnectedCallbacks(connectionCts.Token);

                var disconnected = await lost.Task.WaitAsync(stop);
                failure = disconnected.Exception ?? new IOException($"Disconnected: {disconnected.Reason} {disconnected.ReasonString}".TrimEnd());
                LogConnectionLost(ClientId, disconnected.Reason.ToString(), disconnected.Exception);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopping: fall through to the clean disconnect below.
            }
            catch (Exception ex)
            {
                failure = ex;
                LogConnectFailed(ClientId, _options.Host, _options.Port, attempt + 1, ex.GetBaseException().Message);
            }
            finally
            {
                await connectionCts.CancelAsync();
                MarkNotReady();
                if (stop.IsCancellationRequested && client.IsConnected)
                {
                    // Clean DISCONNECT: the broker discards the last will, as it should on a planned stop.
                    using var disconnectTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
                    try
                    {
                        await client.DisconnectAsync(new MqttClientDisconnectOptions { Reason = MqttClientDisconnectOptionsReason.NormalDisconnection }, disconnectTimeout.Token);
                    }
                    catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
                    {
                        LogDisconnectFailed(ex.Message);
                    }
                }

                client.ApplicationMessageReceivedAsync -= OnMessageReceivedAsync;
                client.Dispose();
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            var delay = Backoff.Compute(attempt, _options.ReconnectMinDelay, _options.ReconnectMaxDelay, Random.Shared.NextDouble());
            attempt++;
            SetState(MqttConnectionState.Reconnecting, failure);
            LogReconnectScheduled(ClientId, delay.TotalMilliseconds, attempt);
            try
            {
                await Task.Delay(delay, _time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private MqttClientOptions BuildClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(ClientId)
            .WithProtocolVersion(_protocol)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout);

        // Clean session: subscriptions are renewed by this client after every connection, and a
        // broker-side session would only queue stale requests for a kiosk that was away.
        builder = _protocol == MqttProtocolVersion.V500 ? builder.WithCleanStart(true) : builder.WithCleanSession(true);

        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder.WithCredentials(_options.Username, _options.Password ?? string.Empty);
        }

        if (!string.IsNullOrEmpty(_options.WillTopic))
        {
            builder.WithWillTopic(_options.WillTopic)
                .WithWillPayload(Encoding.UTF8.GetBytes(_options.WillPayload ?? string.Empty))
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithWillRetain(_options.WillRetain);
        }

        if (_options.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true).WithTargetHost(_options.TlsServerName ?? _options.Host);
                if (_caCertificates is not null)
                {
                    tls.WithCertificateValidationHandler(ValidateAgainstCa);
                }
            });
        }

        var options = builder.Build();

        // Nagle + delayed ACK cost ~40 ms per request/reply round trip (DESIGN.md §7). MQTTnet
        // defaults NoDelay to true today; set it explicitly so a library default change cannot regress it.
        if (options.ChannelOptions is MqttClientTcpOptions tcp)
        {
            tcp.NoDelay = true;
        }

        return options;
    }

    private bool ValidateAgainstCa(MqttClientCertificateValidationEventArgs args)
    {
        if (args.SslPolicyErrors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only chain errors may be overridden by our own roots; a name mismatch stays fatal.
        if ((args.SslPolicyErrors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0 || args.Certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_caCertificates!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (args.Chain is not null)
        {
            foreach (var element in args.Chain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var certificate = args.Certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(args.Certificate.GetRawCertData());
        return chain.Build(certificate);
    }

    private async Task ResubscribeAndMarkReadyAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        // Registrations may change while we subscribe; repeat until a pass saw a stable list, then
        // publish readiness under the same lock so no registration can slip between the two.
        var subscribedVersion = -1;
        while (true)
        {
            string[] filters;
            int version;
            lock (_gate)
            {
                version = _registrationVersion;
                if (version == subscribedVersion)
                {
                    _readyClient = client;
                    _ready.TrySetResult(client);
                    return;
                }

                filters = _registrations.Select(r => r.TopicFilter).Distinct(StringComparer.Ordinal).ToArray();
            }

            if (filters.Length > 0)
            {
                var builder = new MqttClientSubscribeOptionsBuilder();
                foreach (var filter in filters)
                {
                    builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                }

                var result = await client.SubscribeAsync(builder.Build(), cancellationToken);
                foreach (var item in result.Items.Where(i => !IsGranted(i.ResultCode)))
                {
                    LogResubscribeRefused(item.TopicFilter.Topic, item.ResultCode.ToString());
                }
            }

            subscribedVersion = version;
        }
    }

    private void MarkNotReady()
    {
        lock (_gate)
        {
            _readyClient = null;
            if (_ready.Task.IsCompleted)
            {
                _ready = NewReadySource();
            }
        }
    }

    private void RunOnConnectedCallbacks(CancellationToken connectionToken)
    {
        Func<CancellationToken, Task>[] callbacks;
        lock (_gate)
        {
            callbacks = [.. _onConnected];
        }

        foreach (var callback in callbacks)
        {
            // Off the loop: a callback that publishes must not block loss detection, and a publish
            // that waits for a reconnection would otherwise wait for itself.
            _ = Task.Run(
                async () =>
                {
                    try
                    {
                        await callback(connectionToken);
                    }
                    catch (OperationCanceledException) when (connectionToken.IsCancellationRequested)
                    {
                        // Connection lost while the callback ran; it runs again on the next connection.
                    }
                    catch (Exception ex)
                    {
                        LogCallbackFailed(ex);
                    }
                },
                CancellationToken.None);
        }
    }

    private void SetState(MqttConnectionState next, Exception? reason)
    {
        MqttConnectionState previous;
        lock (_gate)
        {
            previous = _state;
            if (previous == next || previous == MqttConnectionState.Stopped)
            {
                return;
            }

            _state = next;
        }

        try
        {
            StateChanged?.Invoke(this, new MqttConnectionStateChangedEventArgs(previous, next, reason));
        }
        catch (Exception ex)
        {
            LogStateHandlerFailed(ex);
        }
    }

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
                Task<IMqttClient> ready;
                lock (_gate)
                {
                    ready = _ready.Task;
                }

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
                LogPublishTimeout(message.Topic, timeout.TotalMilliseconds, connected);
                throw new MqttDeliveryTimeoutException(message.Topic, timeout, connected, ex);
            }
            catch (Exception ex) when (!linked.IsCancellationRequested
                                       && ex is MqttCommunicationException or ObjectDisposedException or OperationCanceledException)
            {
                // The connection died under this publish. Whether the broker got it is unknown, so
                // send it again on the next connection: at-least-once, never silently lost.
                LogPublishRetry(message.Topic, ex.GetType().Name);
                MarkNotReadyIf(ex);
            }
        }
    }

    private void MarkNotReadyIf(Exception ex)
    {
        // MQTTnet may throw before its Disconnected event fired; avoid a hot retry loop on the dead
        // client by waiting for the loop to notice (it renews _ready when it does).
        if (ex is MqttClientNotConnectedException or ObjectDisposedException)
        {
            lock (_gate)
            {
                if (_readyClient is { IsConnected: false })
                {
                    _readyClient = null;
                    if (_ready.Task.IsCompleted)
                    {
                        _ready = NewReadySource();
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- subscriptions and dispatch

    private async Task AddRegistrationAsync(Registration registration, CancellationToken cancellationToken)
    {
        IMqttClient? client;
        var alreadySubscribed = false;
        lock (_gate)
        {
            alreadySubscribed = registration.IsReplyRoute && _registrations.Exists(r => r.TopicFilter == registration.TopicFilter);
            _registrations.Add(registration);
            _registrationVersion++;
            client = _readyClient;
        }

        if (client is null || alreadySubscribed)
        {
            // Not connected: the connection loop subscribes it before reporting Connected.
            return;
        }

        try
        {
            var result = await client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(registration.TopicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                cancellationToken);
            var refused = result.Items.FirstOrDefault(i => !IsGranted(i.ResultCode));
            if (refused is not null)
            {
                RemoveRegistration(registration);
                throw new MqttOperationRejectedException("subscribe", registration.TopicFilter, refused.ResultCode.ToString(), result.ReasonString);
            }
        }
        catch (Exception ex) when (ex is MqttCommunicationException or ObjectDisposedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Lost the connection mid-subscribe: the registration stays and the loop renews it.
            LogSubscribeDeferred(registration.TopicFilter, ex.GetType().Name);
        }
    }

    private bool RemoveRegistration(Registration registration)
    {
        lock (_gate)
        {
            if (!_registrations.Remove(registration))
            {
                return false;
            }

            _registrationVersion++;
            return !_registrations.Exists(r => r.TopicFilter == registration.TopicFilter);
        }
    }

    private async ValueTask UnregisterAsync(Registration registration)
    {
        if (!RemoveRegistration(registration))
        {
            return;
        }

        IMqttClient? client;
        lock (_gate)
        {
            client = _readyClient;
        }

        if (client is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
            await client.UnsubscribeAsync(new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter(registration.TopicFilter).Build(), timeout.Token);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or ObjectDisposedException or OperationCanceledException)
        {
            // Best effort: without the registration nothing is dispatched, and a reconnect drops it anyway.
            LogSubscribeDeferred(registration.TopicFilter, ex.GetType().Name);
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
            subscription = _replySubscription ??= Task.Run(() => AddRegistrationAsync(new Registration(this, ReplyTopicFilter, null), _stop.Token), CancellationToken.None);
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

        if (m.Topic.StartsWith(_replyTopicBase, StringComparison.Ordinal))
        {
            // Replies complete their request right here: no handler queue to wait behind, so a
            // handler that makes a request cannot deadlock the dispatcher.
            CompleteRequest(message);
            return Task.CompletedTask;
        }

        if (!_inbox.Writer.TryWrite(message))
        {
            LogDroppedAfterStop(m.Topic);
        }

        return Task.CompletedTask;
    }

    private void CompleteRequest(MqttIncomingMessage reply)
    {
        string? key = null;
        if (reply.CorrelationData is { } correlation)
        {
            key = Encoding.UTF8.GetString(correlation.Span);
        }

        if (key is null || !_pending.ContainsKey(key))
        {
            key = reply.Topic[_replyTopicBase.Length..];
        }

        if (_pending.TryGetValue(key, out var pending) && pending.Completion.TrySetResult(reply))
        {
            return;
        }

        // Last resort for 3.1.1 responders that reply to a fixed topic but echo the requestId.
        var requestId = reply.PayloadRequestId;
        if (requestId is not null)
        {
            foreach (var candidate in _pending.Values)
            {
                if (candidate.RequestId == requestId && candidate.Completion.TrySetResult(reply))
                {
                    return;
                }
            }
        }

        LogUnmatchedReply(reply.Topic);
    }

    private async Task DispatchLoopAsync(CancellationToken stop)
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync(CancellationToken.None))
        {
            Registration[] targets;
            lock (_gate)
            {
                targets = _registrations.Where(r => r.Handler is not null && Matches(message.Topic, r.TopicFilter)).ToArray();
            }

            foreach (var target in targets)
            {
                try
                {
                    await target.Handler!(message, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogHandlerFailed(ex, message.Topic, target.TopicFilter);
                }
            }
        }
    }

    internal static bool Matches(string topic, string filter)
    {
        // "$share/{group}/{filter}": the broker matched the inner filter.
        if (filter.StartsWith("$share/", StringComparison.Ordinal))
        {
            var groupEnd = filter.IndexOf('/', "$share/".Length);
            filter = groupEnd < 0 ? filter : filter[(groupEnd + 1)..];
        }

        return MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch;
    }

    // ---------------------------------------------------------------- helpers

    private static (ReadOnlySequence<byte> Payload, string? RequestId) AddReplyTo(ReadOnlyMemory<byte> payload, string replyTopic)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(payload.Span) as JsonObject
                   ?? throw new ArgumentException("An MQTT 3.1.1 request payload must be a JSON object so \"replyTo\" can be added.", nameof(payload));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("An MQTT 3.1.1 request payload must be a JSON object so \"replyTo\" can be added.", nameof(payload), ex);
        }

        json["replyTo"] = replyTopic;
        var requestId = json["requestId"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
        return (new ReadOnlySequence<byte>(JsonSerializer.SerializeToUtf8Bytes(json)), requestId);
    }

    private static void ValidateTopicName(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (topic.IndexOfAny(['+', '#']) >= 0)
        {
            throw new ArgumentException($"Topic '{topic}' contains a wildcard; only subscriptions may.", nameof(topic));
        }
    }

    private static bool IsGranted(MqttClientSubscribeResultCode code) =>
        code is MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2;

    private static TaskCompletionSource<IMqttClient> NewReadySource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class PendingRequest(string? requestId)
    {
        public string? RequestId { get; } = requestId;

        public TaskCompletionSource<MqttIncomingMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Registration(HallMqttClient owner, string topicFilter, Func<MqttIncomingMessage, CancellationToken, Task>? handler) : IAsyncDisposable
    {
        public string TopicFilter { get; } = topicFilter;

        /// <summary>Null for the internal reply route, whose messages never reach the dispatcher.</summary>
        public Func<MqttIncomingMessage, CancellationToken, Task>? Handler { get; } = handler;

        public bool IsReplyRoute => Handler is null;

        public ValueTask DisposeAsync() => owner.UnregisterAsync(this);
    }

    private sealed class CallbackRegistration(HallMqttClient owner, Func<CancellationToken, Task> callback) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._onConnected.Remove(callback);
            }
        }
    }

    // ---------------------------------------------------------------- logging

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "MQTT client {ClientId} connected to {Host}:{Port} (MQTT {Protocol})")]
    private partial void LogConnected(string clientId, string host, int port, string protocol);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "MQTT client {ClientId} lost its connection: {Reason}")]
    private partial void LogConnectionLost(string clientId, string reason, Exception? exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "MQTT client {ClientId} could not connect to {Host}:{Port} (attempt {Attempt}): {Error}")]
    private partial void LogConnectFailed(string clientId, string host, int port, int attempt, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "MQTT client {ClientId} reconnects in {DelayMs} ms (attempt {Attempt})")]
    private partial void LogReconnectScheduled(string clientId, double delayMs, int attempt);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Broker refused subscription {TopicFilter} after reconnect: {ResultCode}")]
    private partial void LogResubscribeRefused(string topicFilter, string resultCode);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Publish to {Topic} failed after {TimeoutMs} ms (connected: {WasConnected})")]
    private partial void LogPublishTimeout(string topic, double timeoutMs, bool wasConnected);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Publish to {Topic} interrupted ({Error}); retrying on the next connection")]
    private partial void LogPublishRetry(string topic, string error);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "No reply to request on {Topic} within {TimeoutMs} ms")]
    private partial void LogRequestTimeout(string topic, double timeoutMs);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Request on {Topic} names no reply topic (no Response Topic, no replyTo); not answered")]
    private partial void LogNoReplyTopic(string topic);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Request on {Topic} asks for a reply on {ReplyTopic}, outside the reply prefix; not answered")]
    private partial void LogReplyTopicRefused(string topic, string replyTopic);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Reply on {Topic} matches no pending request (late or duplicate)")]
    private partial void LogUnmatchedReply(string topic);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "Handler for {TopicFilter} failed on a message from {Topic}")]
    private partial void LogHandlerFailed(Exception exception, string topic, string topicFilter);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "On-connected callback failed")]
    private partial void LogCallbackFailed(Exception exception);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "A StateChanged handler threw")]
    private partial void LogStateHandlerFailed(Exception exception);

    [LoggerMessage(EventId = 15, Level = LogLevel.Debug, Message = "Subscription change for {TopicFilter} deferred to the next connection ({Error})")]
    private partial void LogSubscribeDeferred(string topicFilter, string error);

    [LoggerMessage(EventId = 16, Level = LogLevel.Debug, Message = "Clean disconnect failed: {Error}")]
    private partial void LogDisconnectFailed(string error);

    [LoggerMessage(EventId = 17, Level = LogLevel.Debug, Message = "Message on {Topic} arrived after stop; dropped")]
    private partial void LogDroppedAfterStop(string topic);
}
