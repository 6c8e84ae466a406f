using System.Collections.Concurrent;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Storage;

namespace BatchStats.Engine.Tests.Fakes;

/// <summary>Keeps every successfully written task state, in write order, to check invariants over a job's history.</summary>
public sealed class RecordingJobStore(IJobStore inner) : IJobStore
{
    private readonly ConcurrentQueue<(long Version, BatchTask Task)> _history = new();

    /// <summary>Every stored task state in version order.</summary>
    public IReadOnlyList<BatchTask> History => _history.OrderBy(h => h.Version).Select(h => h.Task).ToList();

    public async Task CreateAsync(JobRecord record, CancellationToken ct = default)
    {
        await inner.CreateAsync(record, ct);
        _history.Enqueue((0, JobsJson.DeserializeState(record.Document).Task));
    }

    public Task<JobRecord?> GetAsync(string requestId, CancellationToken ct = default) => inner.GetAsync(requestId, ct);

    public async Task<JobRecord> UpdateAsync(JobRecord record, long expectedVersion, CancellationToken ct = default)
    {
        var updated = await inner.UpdateAsync(record, expectedVersion, ct);
        _history.Enqueue((updated.Version, JobsJson.DeserializeState(record.Document).Task));
        return updated;
    }

    public IAsyncEnumerable<JobRecord> ListAsync(CancellationToken ct = default) => inner.ListAsync(ct);
}
