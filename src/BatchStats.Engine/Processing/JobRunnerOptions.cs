namespace BatchStats.Engine.Processing;

public sealed class JobRunnerOptions
{
    /// <summary>Parallel workers (chunks in flight). Default: one per core.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Deliveries of a chunk before its unfinished features are written as EXECUTION_ERROR (processor crash)
    /// or, for storage failures, the job fails.</summary>
    public int MaxDeliveries { get; init; } = 4;

    /// <summary>Base of the exponential, jittered delay before a failed chunk is retried.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a worker waits on an empty queue before re-checking the job.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>After this long with an empty queue and unfinished chunks, re-enqueue them (a lost message must not hang the job).</summary>
    public TimeSpan IdleRescanAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a single transient storage call (backoff + jitter) before the chunk attempt fails.</summary>
    public int StorageRetries { get; init; } = 4;

    /// <summary>First delay of the storage retry backoff.</summary>
    public TimeSpan StorageRetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);
}
