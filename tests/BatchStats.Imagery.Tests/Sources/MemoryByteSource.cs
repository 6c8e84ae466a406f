using BatchStats.Imagery.Sources;

namespace BatchStats.Imagery.Tests.Sources;

/// <summary>An in-memory byte source for tests (e.g. files patched in memory).</summary>
internal sealed class MemoryByteSource(string id, byte[] bytes) : IByteSource
{
    public string Id => id;

    public ValueTask<long> GetLengthAsync(CancellationToken ct = default) => ValueTask.FromResult((long)bytes.Length);

    public ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, int length, CancellationToken ct = default)
    {
        var start = (int)Math.Min(offset, bytes.Length);
        var n = Math.Min(length, bytes.Length - start);
        return ValueTask.FromResult<ReadOnlyMemory<byte>>(bytes.AsMemory(start, n));
    }

    public void Dispose()
    {
    }
}
