using System.Runtime.CompilerServices;
using BatchStats.Engine.Storage;

namespace BatchStats.Contracts.Faults;

/// <summary>An <see cref="IJobStore"/> decorator that fails calls per a <see cref="FaultInjector"/>. Tests only.</summary>
public sealed class FaultyJobStore(IJobStore inner, FaultInjector faults) : IJobStore
{
    public Task CreateAsync(JobRecord record, CancellationToken ct = default) =>
        faults.RunAsync("job.create", () => inner.CreateAsync(record, ct));

    public Task<JobRecord?> GetAsync(string requestId, CancellationToken ct = default) =>
        faults.RunAsync("job.get", () => inner.GetAsync(requestId, ct));

    public Task<JobRecord> UpdateAsync(JobRecord record, long expectedVersion, CancellationToken ct = default) =>
        faults.RunAsync("job.update", () => inner.UpdateAsync(record, expectedVersion, ct));

    public async IAsyncEnumerable<JobRecord> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var all = await faults.RunAsync("job.list", async () =>
        {
            var list = new List<JobRecord>();
            await foreach (var r in inner.ListAsync(ct).ConfigureAwait(false))
            {
                list.Add(r);
            }

            return list;
        }).ConfigureAwait(false);
        foreach (var r in all)
        {
            yield return r;
        }
    }
}
