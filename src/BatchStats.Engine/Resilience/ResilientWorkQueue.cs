using BatchStats.Engine.Storage;
using Polly;

namespace BatchStats.Engine.Resilience;

/// <summary>
/// An <see cref="IWorkQueue"/> whose transient failures are retried. Duplicates this may cause (an enqueue that landed
/// before its error) are harmless: chunk processing is idempotent.
/// </summary>
public sealed class ResilientWorkQueue(IWorkQueue inner, ResiliencePipeline pipeline) : IWorkQueue
{
    public Task EnqueueAsync(WorkItem item, CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.EnqueueAsync(item, t).ConfigureAwait(false), ct).AsTask();

    public Task<IReadOnlyList<ReceivedWorkItem>> ReceiveAsync(int max, TimeSpan wait, CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.ReceiveAsync(max, wait, t).ConfigureAwait(false), ct).AsTask();

    public Task CompleteAsync(ReceivedWorkItem item, CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.CompleteAsync(item, t).ConfigureAwait(false), ct).AsTask();

    public Task AbandonAsync(ReceivedWorkItem item, TimeSpan delay, CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.AbandonAsync(item, delay, t).ConfigureAwait(false), ct).AsTask();
}
