using HallDevices.Messaging.Subscriptions;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace HallDevices.Messaging.Connection;

/// <summary>
/// The one background loop of a <see cref="HallMqttClient"/>: connects, resubscribes every
/// registered filter, reports <see cref="MqttConnectionState.Connected"/>, runs the on-connected
/// callbacks, waits for the loss, and reconnects with exponential backoff and jitter. It owns the
/// connection state and the "ready" client that publishes and subscriptions wait for.
/// </summary>
internal sealed class ConnectionLoop
{
    private static readonly MqttClientFactory Factory = new();

    private readonly MqttConnectionOptions _options;
    private readonly MqttClientOptionsFactory _clientOptions;
    private readonly SubscriptionRegistry _subscriptions;
    private readonly Lock _gate;
    private readonly string _clientId;
    private readonly string _protocolVersion;
    private readonly Func<MqttApplicationMessageReceivedEventArgs, Task> _onMessage;
    private readonly Action<MqttConnectionStateChangedEventArgs> _onStateChanged;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly List<Func<CancellationToken, Task>> _onConnected = [];

    // Guarded by _gate: the connected client (null while disconnected) and the task waiters await.
    private IMqttClient? _readyClient;
    private TaskCompletionSource<IMqttClient> _ready = NewReadySource();
    private MqttConnectionState _state = MqttConnectionState.Idle;

    /// <param name="options">The client's options.</param>
    /// <param name="clientOptions">Builds MQTTnet's options for each attempt.</param>
    /// <param name="subscriptions">What to resubscribe on each connection.</param>
    /// <param name="gate">The lock shared with <paramref name="subscriptions"/> (see there).</param>
    /// <param name="clientId">For log messages.</param>
    /// <param name="protocolVersion">For log messages: <c>5</c> or <c>3.1.1</c>.</param>
    /// <param name="onMessage">Every received message, on MQTTnet's receive loop.</param>
    /// <param name="onStateChanged">Raises the client's event; exceptions are logged.</param>
    /// <param name="logger">The client's logger.</param>
    /// <param name="time">Clock for backoff and timeouts.</param>
    public ConnectionLoop(
        MqttConnectionOptions options,
        MqttClientOptionsFactory clientOptions,
        SubscriptionRegistry subscriptions,
        Lock gate,
        string clientId,
        string protocolVersion,
        Func<MqttApplicationMessageReceivedEventArgs, Task> onMessage,
        Action<MqttConnectionStateChangedEventArgs> onStateChanged,
        ILogger logger,
        TimeProvider time)
    {
        _options = options;
        _clientOptions = clientOptions;
        _subscriptions = subscriptions;
        _gate = gate;
        _clientId = clientId;
        _protocolVersion = protocolVersion;
        _onMessage = onMessage;
        _onStateChanged = onStateChanged;
        _logger = logger;
        _time = time;
    }

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

    /// <summary>Completes with the client once connected and resubscribed; renewed on every loss.</summary>
    public Task<IMqttClient> Ready
    {
        get
        {
            lock (_gate)
            {
                return _ready.Task;
            }
        }
    }

    /// <summary>The connected, resubscribed client; null while disconnected. Read under the gate to act on it atomically.</summary>
    public IMqttClient? ReadyClient
    {
        get
        {
            lock (_gate)
            {
                return _readyClient;
            }
        }
    }

    /// <summary>Adds a callback run after every (re)connection; dispose to remove it.</summary>
    public IDisposable OnConnected(Func<CancellationToken, Task> callback)
    {
        lock (_gate)
        {
            _onConnected.Add(callback);
        }

        return new CallbackRegistration(this, callback);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var attempt = 0;
        var everConnected = false;
        while (!stop.IsCancellationRequested)
        {
            SetState(everConnected || attempt > 0 ? MqttConnectionState.Reconnecting : MqttConnectionState.Connecting, null);
            var client = Factory.CreateMqttClient();
            var lost = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.ApplicationMessageReceivedAsync += _onMessage;
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
                    var result = await client.ConnectAsync(_clientOptions.Create(), connectToken.Token);
                    if (result.ResultCode != MqttClientConnectResultCode.Success)
                    {
                        throw new MqttOperationRejectedException("connect", $"{_options.Host}:{_options.Port}", result.ResultCode.ToString(), result.ReasonString);
                    }

                    await ResubscribeAndMarkReadyAsync(client, connectToken.Token);
                }

                attempt = 0;
                everConnected = true;
                _logger.LogConnected(_clientId, _options.Host, _options.Port, _protocolVersion);
                SetState(MqttConnectionState.Connected, null);
                RunOnConnectedCallbacks(connectionCts.Token);

                var disconnected = await lost.Task.WaitAsync(stop);
                failure = disconnected.Exception ?? new IOException($"Disconnected: {disconnected.Reason} {disconnected.ReasonString}".TrimEnd());
                _logger.LogConnectionLost(_clientId, disconnected.Reason.ToString(), disconnected.Exception);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopping: fall through to the clean disconnect below.
            }
            catch (Exception ex)
            {
                failure = ex;
                _logger.LogConnectFailed(_clientId, _options.Host, _options.Port, attempt + 1, ex.GetBaseException().Message);
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
                        _logger.LogDisconnectFailed(ex.Message);
                    }
                }

                client.ApplicationMessageReceivedAsync -= _onMessage;
                client.Dispose();
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            var delay = Backoff.Compute(attempt, _options.ReconnectMinDelay, _options.ReconnectMaxDelay, Random.Shared.NextDouble());
            attempt++;
            SetState(MqttConnectionState.Reconnecting, failure);
            _logger.LogReconnectScheduled(_clientId, delay.TotalMilliseconds, attempt);
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

    /// <summary>
    /// After an operation failed on the ready client: MQTTnet may throw before its Disconnected
    /// event fired; avoid a hot retry loop on the dead client by waiting for the loop to notice (it
    /// renews the ready task when it does).
    /// </summary>
    public void MarkNotReadyIf(Exception ex)
    {
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

    /// <summary>Moves to <paramref name="next"/> and raises the event; nothing follows <see cref="MqttConnectionState.Stopped"/>.</summary>
    public void SetState(MqttConnectionState next, Exception? reason)
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
            _onStateChanged(new MqttConnectionStateChangedEventArgs(previous, next, reason));
        }
        catch (Exception ex)
        {
            _logger.LogStateHandlerFailed(ex);
        }
    }

    private async Task ResubscribeAndMarkReadyAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        // Subscriptions may change while we subscribe; repeat until a pass saw a stable list, then
        // publish readiness under the same lock so no subscription can slip between the two.
        var subscribedVersion = -1;
        while (true)
        {
            string[] filters;
            int version;
            lock (_gate)
            {
                version = _subscriptions.Version;
                if (version == subscribedVersion)
                {
                    _readyClient = client;
                    _ready.TrySetResult(client);
                    return;
                }

                filters = _subscriptions.Filters();
            }

            if (filters.Length > 0)
            {
                var builder = new MqttClientSubscribeOptionsBuilder();
                foreach (var filter in filters)
                {
                    builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                }

                var result = await client.SubscribeAsync(builder.Build(), cancellationToken);
                foreach (var item in result.Items.Where(i => !SubscriptionRegistry.IsGranted(i.ResultCode)))
                {
                    _logger.LogResubscribeRefused(item.TopicFilter.Topic, item.ResultCode.ToString());
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
                        _logger.LogCallbackFailed(ex);
                    }
                },
                CancellationToken.None);
        }
    }

    private static TaskCompletionSource<IMqttClient> NewReadySource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class CallbackRegistration(ConnectionLoop owner, Func<CancellationToken, Task> callback) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._onConnected.Remove(callback);
            }
        }
    }
}
