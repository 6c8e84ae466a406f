using System.Runtime.CompilerServices;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Storage;

namespace BatchStats.Engine.Jobs;

/// <summary>
/// Reads and writes <see cref="JobState"/> through <see cref="IJobStore"/>. Every change is a read-modify-write with
/// the store's optimistic concurrency, retried on conflict, so concurrent writers (API, workers) never lose updates.
/// </summary>
public sealed class JobStateRepository
{
    private const int MaxConflictRetries = 200;
    private readonly IJobStore _store;

    public JobStateRepository(IJobStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    public IJobStore Store => _store;

    public async Task CreateAsync(JobState state, CancellationToken ct)
    {
        var record = ToRecord(state, version: 0);
        try
        {
            await _store.CreateAsync(record, ct).ConfigureAwait(false);
        }
        catch (JobConflictException)
        {
            // A retried create whose first attempt succeeded finds its own record: that is success, not a conflict.
            var existing = await _store.GetAsync(record.RequestId, ct).ConfigureAwait(false);
            if (existing is null || existing.Version != 0 || existing.Document != record.Document)
            {
                throw;
            }
        }
    }

    public async Task<JobState?> GetAsync(string requestId, CancellationToken ct)
    {
        var record = await _store.GetAsync(requestId, ct).ConfigureAwait(false);
        return record is null ? null : JobsJson.DeserializeState(record.Document);
    }

    public async IAsyncEnumerable<JobState> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var record in _store.ListAsync(ct).ConfigureAwait(false))
        {
            yield return JobsJson.DeserializeState(record.Document);
        }
    }

    /// <summary>
    /// Applies <paramref name="mutate"/> to the current state and stores it if it returned true; on a version
    /// conflict re-reads and re-applies. <paramref name="mutate"/> must be a pure function of the state it is given.
    /// Returns the state as stored (or as read, when nothing changed) and whether it changed.
    /// </summary>
    public async Task<(JobState State, bool Changed)> UpdateAsync(string requestId, Func<JobState, bool> mutate, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var record = await _store.GetAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
            var state = JobsJson.DeserializeState(record.Document);
            if (!mutate(state))
            {
                return (state, false);
            }

            try
            {
                await _store.UpdateAsync(ToRecord(state, record.Version), record.Version, ct).ConfigureAwait(false);
                return (state, true);
            }
            catch (JobConflictException) when (attempt < MaxConflictRetries)
            {
                // Someone else wrote first (or our own retried write landed): re-read and re-apply.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 2)), ct).ConfigureAwait(false);
            }
        }
    }

    private static JobRecord ToRecord(JobState state, long version) => new(
        state.Task.Id,
        JobTransitions.StatusName(state.Task.Status),
        version,
        state.Task.Created,
        JobsJson.SerializeState(state));
}
