namespace BatchStats.Aws.DynamoDb;

/// <summary>Throughput and retry knobs of <see cref="DynamoDbStatisticsIndex"/>.</summary>
public sealed record DynamoDbIndexOptions
{
    /// <summary>BatchWriteItem calls in flight at once.</summary>
    public int MaxParallelBatches { get; init; } = 4;

    /// <summary>Retries of one batch (unprocessed items or throttling) before giving up.</summary>
    public int MaxRetryAttempts { get; init; } = 10;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(5);
}
