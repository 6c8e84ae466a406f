using BatchStats.Engine.Storage;

namespace BatchStats.Contracts.Faults;

/// <summary>An <see cref="IWorkQueue"/> decorator that fails calls per a <see cref="FaultInjector"/>. Tests only.</summary>
public sealed class FaultyWorkQueue(IWorkQueue inner, FaultInjector faults) : IWorkQueue
{
    public Task EnqueueAsync(WorkItem item, CancellationToken ct = default) =>
        faults.RunAsync("queue.enqueue", () => inner.EnqueueAsync(item, ct));

    public Task<IReadOnlyList<ReceivedWorkItem>> ReceiveAsync(int max, TimeSpan wait, CancellationToken ct = default) =>
        faults.RunAsync("queue.receive", () => inner.ReceiveAsync(max, wait, ct));

    public Task CompleteAsync(ReceivedWorkItem item, CancellationToken ct = default) =>
        faults.RunAsync("queue.complete", () => inner.CompleteAsync(item, ct));

    public Task AbandonAsync(ReceivedWorkItem item, TimeSpan delay, CancellationToken ct = default) =>
        faults.RunAsync("queue.abandon", () => inner.AbandonAsync(item, delay, ct));
}
