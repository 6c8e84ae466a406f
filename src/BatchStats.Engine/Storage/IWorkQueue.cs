namespace BatchStats.Engine.Storage;

/// <summary>
/// At-least-once queue of work items (chunks of features). Local: in-process channel. AWS: SQS.
/// Consumers must be idempotent: an item may be delivered more than once.
/// </summary>
public interface IWorkQueue
{
    Task EnqueueAsync(WorkItem item, CancellationToken ct = default);

    /// <summary>Waits up to <paramref name="wait"/> for up to <paramref name="max"/> items; empty when none arrived.</summary>
    Task<IReadOnlyList<ReceivedWorkItem>> ReceiveAsync(int max, TimeSpan wait, CancellationToken ct = default);

    /// <summary>Acknowledges a processed item so it is not delivered again.</summary>
    Task CompleteAsync(ReceivedWorkItem item, CancellationToken ct = default);

    /// <summary>Returns the item to the queue for another attempt (after <paramref name="delay"/>).</summary>
    Task AbandonAsync(ReceivedWorkItem item, TimeSpan delay, CancellationToken ct = default);
}

/// <summary>A chunk of one job's features: ids <c>[FirstFeatureIndex, FirstFeatureIndex + Count)</c> in GeoPackage order.</summary>
public sealed record WorkItem(string RequestId, int ChunkIndex, long FirstFeatureIndex, int Count);

/// <summary>A delivered item plus the receipt needed to complete or abandon it.</summary>
public sealed record ReceivedWorkItem(WorkItem Item, string Receipt, int DeliveryCount);
