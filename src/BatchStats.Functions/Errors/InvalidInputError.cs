namespace BatchStats.Functions.Errors;

/// <summary>
/// The event or request cannot succeed however often it is retried (malformed payload, unknown request, missing object).
/// The state machine does not retry <c>InvalidInputError</c>; it goes straight to its <c>Catch</c>.
/// </summary>
public sealed class InvalidInputError(string message, Exception? inner = null) : Exception(message, inner);
