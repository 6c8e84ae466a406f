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
}

/// <summary>Opens byte sources by URL scheme (file path, file://, http(s)://, s3://).</summary>
public interface IByteSourceFactory
{
    bool CanOpen(string url);

    IByteSource Open(string url);
}
