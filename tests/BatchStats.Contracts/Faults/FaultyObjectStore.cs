using System.Runtime.CompilerServices;
using BatchStats.Engine.Storage;

namespace BatchStats.Contracts.Faults;

/// <summary>An <see cref="IObjectStore"/> decorator that fails calls per a <see cref="FaultInjector"/>. Tests only.</summary>
public sealed class FaultyObjectStore(IObjectStore inner, FaultInjector faults) : IObjectStore
{
    public Task PutAsync(string url, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default) =>
        faults.RunAsync("object.put", () => inner.PutAsync(url, content, contentType, ct));

    public Task<byte[]> GetAsync(string url, CancellationToken ct = default) =>
        faults.RunAsync("object.get", () => inner.GetAsync(url, ct));

    public Task<byte[]> GetRangeAsync(string url, long offset, int length, CancellationToken ct = default) =>
        faults.RunAsync("object.getRange", () => inner.GetRangeAsync(url, offset, length, ct));

    public Task<long?> GetSizeAsync(string url, CancellationToken ct = default) =>
        faults.RunAsync("object.getSize", () => inner.GetSizeAsync(url, ct));

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefixUrl, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var all = await faults.RunAsync("object.list", async () =>
        {
            var list = new List<ObjectInfo>();
            await foreach (var o in inner.ListAsync(prefixUrl, ct).ConfigureAwait(false))
            {
                list.Add(o);
            }

            return list;
        }).ConfigureAwait(false);
        foreach (var o in all)
        {
            yield return o;
        }
    }

    public Task DeleteAsync(string url, CancellationToken ct = default) =>
        faults.RunAsync("object.delete", () => inner.DeleteAsync(url, ct));
}
