namespace BatchStats.Engine.Storage;

/// <summary>
/// A retryable boundary failure (throttling, 5xx, timeout, connection reset). Implementations map their SDK's
/// transient errors to this type so the engine's retry policy can recognise them without referencing the SDK.
/// </summary>
public class TransientStorageException : IOException
{
    public TransientStorageException(string message)
        : base(message)
    {
    }

    public TransientStorageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
