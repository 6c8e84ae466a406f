namespace BatchStats.Functions.Errors;

/// <summary>
/// A failure worth retrying (throttling, 5xx, network, a lost optimistic-concurrency race). The managed runtime reports
/// <c>errorType = "TransientError"</c>, which the state machine's <c>Retry</c> matches by name.
/// </summary>
public sealed class TransientError(string message, Exception? inner = null) : Exception(message, inner);
