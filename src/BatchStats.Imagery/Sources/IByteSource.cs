namespace BatchStats.Imagery.Sources;

/// <summary>
/// Random access to the bytes of one remote or local file (a COG). Implementations: local file, HTTP range
/// requests, and S3 (in BatchStats.Aws, so the domain never references AWS).
/// </summary>
public interface IByteSource : IDisposable
{
    /// <summary>A stable identifier for caches and messages (the URL or path).</summary>
    string Id { get; }

    /// <summary>Total length in bytes.</summary>
    ValueTask<long> GetLengthAsync(CancellationToken ct = default);

    /// <summary>
    /// Reads exactly <paramref name="length"/> bytes at <paramref name="offset"/> (fewer only at end of file).
    /// Each call is one request to the underlying store; callers coalesce adjacent ranges before calling.
    /// </summary>
    ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, int length, CancellationToken ct = default);

    /// <summary>
    /// Like <see cref="ReadAsync"/>, into the caller's buffer (a pooled one: tile reads are hundreds of KB each);
    /// returns the number of bytes read. The default copies from <see cref="ReadAsync"/>; sources that can read in
    /// place override it.
    /// </summary>
    async ValueTask<int> ReadIntoAsync(long offset, Memory<byte> destination, CancellationToken ct = default)
    {
        var bytes = await ReadAsync(offset, destination.Length, ct).ConfigureAwait(false);
        bytes.CopyTo(destination);
        return bytes.Length;
    }
}

/// <summary>Opens byte sources by URL scheme (file path, file://, http(s)://, s3://).</summary>
public interface IByteSourceFactory
{
    bool CanOpen(string url);

    IByteSource Open(string url);
}
