namespace BatchStats.Imagery.Sources;

/// <summary>Wraps a byte source and counts the requests and bytes that reach it (metrics, tests, benchmarks).</summary>
public sealed class CountingByteSource(IByteSource inner, bool ownsInner = true) : IByteSource
{
    private long _requests;
    private long _bytes;

    public string Id => inner.Id;

    public long Requests => Interlocked.Read(ref _requests);

    public long BytesRead => Interlocked.Read(ref _bytes);

    public ValueTask<long> GetLengthAsync(CancellationToken ct = default) => inner.GetLengthAsync(ct);

    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, int length, CancellationToken ct = default)
    {
        var data = await inner.ReadAsync(offset, length, ct).ConfigureAwait(false);
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _bytes, data.Length);
        return data;
    }

    public void Dispose()
    {
        if (ownsInner)
        {
            inner.Dispose();
        }
    }
}
