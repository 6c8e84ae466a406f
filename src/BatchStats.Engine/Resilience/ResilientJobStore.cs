using System.Runtime.CompilerServices;
using BatchStats.Engine.Storage;
using Polly;

namespace BatchStats.Engine.Resilience;

/// <summary>
/// An <see cref="IJobStore"/> whose transient failures are retried. A retried write that had in fact landed surfaces
/// as a <see cref="JobConflictException"/>, which <see cref="Jobs.JobStateRepository"/> resolves by re-reading.
/// </summary>
public sealed class ResilientJobStore(IJobStore inner, ResiliencePipeline pipeline) : IJobStore
{
    public Task CreateAsync(JobRecord record, CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.CreateAsync(record, t).ConfigureAwait(false), ct).AsTask();

    public Task<JobRecord?> GetAsync(string requestId, CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.GetAsync(requestId, t).ConfigureAwait(false), ct).AsTask();

    public Task<JobRecord> UpdateAsync(JobRecord record, long expectedVersion, CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.UpdateAsync(record, expectedVersion, t).ConfigureAwait(false), ct).AsTask();

    public async IAsyncEnumerable<JobRecord> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var all = await pipeline.ExecuteAsync(async t =>
        {
            var list = new List<JobRecord>();
            await foreach (var r in inner.ListAsync(t).ConfigureAwait(false))
            {
                list.Add(r);
            }

            return list;
        }, ct).ConfigureAwait(false);
        foreach (var r in all)
        {
            yield return r;
        }
    }
}
