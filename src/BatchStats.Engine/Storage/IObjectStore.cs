namespace BatchStats.Engine.Storage;

/// <summary>
/// A flat key/value blob store addressed by URL (<c>s3://bucket/key</c>, <c>file:///abs/path</c> or a plain path).
/// Local: the filesystem ("buckets" are folders). AWS: S3. Both pass the same contract tests.
/// </summary>
public interface IObjectStore
{
    /// <summary>Writes the whole object atomically (readers never see a partial object). Overwrites.</summary>
    Task PutAsync(string url, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default);

    /// <summary>Reads the whole object. Throws <see cref="ObjectNotFoundException"/> when absent.</summary>
    Task<byte[]> GetAsync(string url, CancellationToken ct = default);

    /// <summary>Reads <paramref name="length"/> bytes from <paramref name="offset"/> (fewer at the end of the object).</summary>
    Task<byte[]> GetRangeAsync(string url, long offset, int length, CancellationToken ct = default);

    /// <summary>Size in bytes, or null when the object does not exist.</summary>
    Task<long?> GetSizeAsync(string url, CancellationToken ct = default);

    /// <summary>Every object whose URL starts with <paramref name="prefixUrl"/>, in ordinal key order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefixUrl, CancellationToken ct = default);

    /// <summary>Deletes the object; no error when it does not exist.</summary>
    Task DeleteAsync(string url, CancellationToken ct = default);
}

/// <summary>One listed object.</summary>
public sealed record ObjectInfo(string Url, long Size, DateTimeOffset LastModified);

/// <summary>The requested object does not exist.</summary>
public sealed class ObjectNotFoundException(string url)
    : Exception($"Object not found: {url}")
{
    public string Url { get; } = url;
}
