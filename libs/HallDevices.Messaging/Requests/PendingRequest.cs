namespace HallDevices.Messaging.Requests;

/// <summary>A request waiting for its reply; disposing it stops waiting, so a late reply goes unmatched.</summary>
internal sealed class PendingRequest : IDisposable
{
    private readonly PendingRequests _owner;

    internal PendingRequest(PendingRequests owner, string key, string? requestId)
    {
        _owner = owner;
        Key = key;
        RequestId = requestId;
    }

    /// <summary>Correlation data and last reply-topic level of this request.</summary>
    public string Key { get; }

    /// <summary>The payload's <c>requestId</c>, for responders that echo only that.</summary>
    public string? RequestId { get; }

    public TaskCompletionSource<MqttIncomingMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The reply, or cancellation when <paramref name="cancellationToken"/> fires (timeout, caller, stop).</summary>
    public Task<MqttIncomingMessage> WaitAsync(CancellationToken cancellationToken) => Completion.Task.WaitAsync(cancellationToken);

    public void Dispose() => _owner.Remove(this);
}
