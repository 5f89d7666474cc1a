namespace HallDevices.Queueing.Engine;

/// <summary>A request already answered: its id, the kind of outcome and the outcome as JSON.</summary>
/// <param name="RequestId">The client's requestId.</param>
/// <param name="Kind">The outcome type, so an id reused for another kind of request is caught.</param>
/// <param name="OutcomeJson">The first outcome, returned again on every repeat.</param>
/// <param name="Day">Service day it was answered on; older ones are forgotten.</param>
public sealed record ProcessedRequest(string RequestId, string Kind, string OutcomeJson, DateOnly Day);
