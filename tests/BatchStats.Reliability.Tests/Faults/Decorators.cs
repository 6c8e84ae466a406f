using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BatchStats.Contracts.Faults;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;

namespace BatchStats.Reliability.Tests.Faults;

/// <summary>
/// A process that dies while working on <paramref name="hangAt"/>: the first time that feature comes up, it signals
/// <see cref="Reached"/> and hangs until cancelled (the process going away). Later attempts pass through.
/// </summary>
public sealed class HangingProcessor(IFeatureProcessor inner, long hangAt) : FeatureProcessorDecorator(inner)
{
    private int _hung;

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task BeforeYieldAsync(FeatureOutcome outcome, CancellationToken ct)
    {
        if (outcome.Feature.Id == hangAt && Interlocked.Exchange(ref _hung, 1) == 0)
        {
            Reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
    }
}

/// <summary>Every enqueued item is delivered twice (SQS at-least-once delivery).</summary>
public sealed class DuplicatingQueue(IWorkQueue inner) : IWorkQueue
{
    public async Task EnqueueAsync(WorkItem item, CancellationToken ct = default)
    {
        await inner.EnqueueAsync(item, ct).ConfigureAwait(false);
        await inner.EnqueueAsync(item, ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ReceivedWorkItem>> ReceiveAsync(int max, TimeSpan wait, CancellationToken ct = default) => inner.ReceiveAsync(max, wait, ct);

    public Task CompleteAsync(ReceivedWorkItem item, CancellationToken ct = default) => inner.CompleteAsync(item, ct);

    public Task AbandonAsync(ReceivedWorkItem item, TimeSpan delay, CancellationToken ct = default) => inner.AbandonAsync(item, delay, ct);
}

/// <summary>
/// A concurrent writer: before every <paramref name="every"/>-th update, another writer rewrites the record (bumping its
/// version), so the caller's conditional write meets a <see cref="JobConflictException"/> and must re-read.
/// </summary>
public sealed class ContendedJobStore(IJobStore inner, int every) : IJobStore
{
    private int _updates;

    public int Conflicts => Volatile.Read(ref _conflicts);

    private int _conflicts;

    public Task CreateAsync(JobRecord record, CancellationToken ct = default) => inner.CreateAsync(record, ct);

    public Task<JobRecord?> GetAsync(string requestId, CancellationToken ct = default) => inner.GetAsync(requestId, ct);

    public async Task<JobRecord> UpdateAsync(JobRecord record, long expectedVersion, CancellationToken ct = default)
    {
        if (Interlocked.Increment(ref _updates) % every == 0 && await inner.GetAsync(record.RequestId, ct).ConfigureAwait(false) is { } current)
        {
            await inner.UpdateAsync(current, current.Version, ct).ConfigureAwait(false);
        }

        try
        {
            return await inner.UpdateAsync(record, expectedVersion, ct).ConfigureAwait(false);
        }
        catch (JobConflictException)
        {
            Interlocked.Increment(ref _conflicts);
            throw;
        }
    }

    public IAsyncEnumerable<JobRecord> ListAsync(CancellationToken ct = default) => inner.ListAsync(ct);
}

/// <summary>Records when each call happens, to observe retry spacing.</summary>
public sealed class TimedObjectStore(IObjectStore inner, Func<string, bool> fails) : IObjectStore
{
    public ConcurrentQueue<(string Url, long Ticks)> Calls { get; } = new();

    private Task<T> Run<T>(string url, Func<Task<T>> call)
    {
        Calls.Enqueue((url, System.Diagnostics.Stopwatch.GetTimestamp()));
        return fails(url) ? throw new TransientStorageException($"SlowDown: please reduce your request rate ({url})") : call();
    }

    public Task PutAsync(string url, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default) =>
        Run(url, async () => { await inner.PutAsync(url, content, contentType, ct).ConfigureAwait(false); return true; });

    public Task<byte[]> GetAsync(string url, CancellationToken ct = default) => Run(url, () => inner.GetAsync(url, ct));

    public Task<byte[]> GetRangeAsync(string url, long offset, int length, CancellationToken ct = default) => Run(url, () => inner.GetRangeAsync(url, offset, length, ct));

    public Task<long?> GetSizeAsync(string url, CancellationToken ct = default) => Run(url, () => inner.GetSizeAsync(url, ct));

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefixUrl, CancellationToken ct = default) => inner.ListAsync(prefixUrl, ct);

    public Task DeleteAsync(string url, CancellationToken ct = default) => Run(url, async () => { await inner.DeleteAsync(url, ct).ConfigureAwait(false); return true; });
}
