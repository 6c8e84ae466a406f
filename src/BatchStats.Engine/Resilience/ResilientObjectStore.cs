using System.Runtime.CompilerServices;
using BatchStats.Engine.Storage;
using Polly;

namespace BatchStats.Engine.Resilience;

/// <summary>An <see cref="IObjectStore"/> whose calls are retried by a <see cref="ResiliencePipeline"/> (every call is idempotent).</summary>
public sealed class ResilientObjectStore(IObjectStore inner, ResiliencePipeline pipeline) : IObjectStore
{
    public Task PutAsync(string url, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.PutAsync(url, content, contentType, t).ConfigureAwait(false), ct).AsTask();

    public Task<byte[]> GetAsync(string url, CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.GetAsync(url, t).ConfigureAwait(false), ct).AsTask();

    public Task<byte[]> GetRangeAsync(string url, long offset, int length, CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.GetRangeAsync(url, offset, length, t).ConfigureAwait(false), ct).AsTask();

    public Task<long?> GetSizeAsync(string url, CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.GetSizeAsync(url, t).ConfigureAwait(false), ct).AsTask();

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefixUrl, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // Listing is retried as a whole (a partial listing is discarded) so callers see each key once.
        var all = await pipeline.ExecuteAsync(async t =>
        {
            var list = new List<ObjectInfo>();
            await foreach (var o in inner.ListAsync(prefixUrl, t).ConfigureAwait(false))
            {
                list.Add(o);
            }

            return list;
        }, ct).ConfigureAwait(false);
        foreach (var o in all)
        {
            yield return o;
        }
    }

    public Task DeleteAsync(string url, CancellationToken ct = default) =>
        pipeline.ExecuteAsync(async t => await inner.DeleteAsync(url, t).ConfigureAwait(false), ct).AsTask();
}
