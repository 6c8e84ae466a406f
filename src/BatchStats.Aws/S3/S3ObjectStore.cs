using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using BatchStats.Engine.Storage;

namespace BatchStats.Aws.S3;

/// <summary>
/// <see cref="IObjectStore"/> over S3 (<c>s3://bucket/key</c> URLs). A PUT is atomic in S3, so readers never see a
/// partial object. Retries on throttling and 5xx are the client's (see <c>AwsClientFactory</c>).
/// </summary>
public sealed class S3ObjectStore : IObjectStore
{
    private readonly IAmazonS3 _s3;
    private readonly int _listPageSize;

    /// <param name="s3">A client, e.g. from <c>AwsClientFactory.CreateS3()</c>.</param>
    /// <param name="listPageSize">Keys per ListObjectsV2 page (S3 caps it at 1000).</param>
    public S3ObjectStore(IAmazonS3 s3, int listPageSize = 1000)
    {
        _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));
        ArgumentOutOfRangeException.ThrowIfLessThan(listPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(listPageSize, 1000);
        _listPageSize = listPageSize;
    }

    public async Task PutAsync(string url, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default)
    {
        var location = ParseObjectUrl(url);
        using var body = new MemoryStream(content.ToArray(), writable: false);
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            InputStream = body,
            ContentType = contentType,
            AutoCloseStream = false,
        }, ct).ConfigureAwait(false);
    }

    public async Task<byte[]> GetAsync(string url, CancellationToken ct = default)
    {
        var location = ParseObjectUrl(url);
        try
        {
            using var response = await _s3.GetObjectAsync(location.Bucket, location.Key, ct).ConfigureAwait(false);
            return await ReadAllAsync(response, ct).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (IsNotFound(ex))
        {
            throw new ObjectNotFoundException(url);
        }
    }

    public async Task<byte[]> GetRangeAsync(string url, long offset, int length, CancellationToken ct = default)
    {
        var location = ParseObjectUrl(url);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        try
        {
            if (length == 0)
            {
                // No range GET can ask for zero bytes; still honour "missing object → not found".
                await _s3.GetObjectMetadataAsync(location.Bucket, location.Key, ct).ConfigureAwait(false);
                return [];
            }

            using var response = await _s3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = location.Bucket,
                Key = location.Key,
                ByteRange = new ByteRange(offset, offset + length - 1),
            }, ct).ConfigureAwait(false);
            var bytes = await ReadAllAsync(response, ct).ConfigureAwait(false);

            // A server that ignored the range sent the whole object: slice it ourselves.
            return response.HttpStatusCode == HttpStatusCode.PartialContent || bytes.Length <= length
                ? bytes
                : bytes.AsSpan((int)Math.Min(offset, bytes.Length), (int)Math.Min(length, Math.Max(0, bytes.Length - offset))).ToArray();
        }
        catch (AmazonS3Exception ex) when (IsNotFound(ex))
        {
            throw new ObjectNotFoundException(url);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return []; // offset at or beyond the end of the object
        }
    }

    public async Task<long?> GetSizeAsync(string url, CancellationToken ct = default)
    {
        var location = ParseObjectUrl(url);
        try
        {
            var metadata = await _s3.GetObjectMetadataAsync(location.Bucket, location.Key, ct).ConfigureAwait(false);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception ex) when (IsNotFound(ex))
        {
            return null;
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefixUrl, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var location = S3Location.Parse(prefixUrl);
        var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Key, MaxKeys = _listPageSize };
        do
        {
            var response = await _s3.ListObjectsV2Async(request, ct).ConfigureAwait(false);
            foreach (var o in response.S3Objects ?? [])
            {
                yield return new ObjectInfo(
                    $"{S3Location.Scheme}{location.Bucket}/{o.Key}",
                    o.Size ?? 0,
                    o.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue);
            }

            request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    public async Task DeleteAsync(string url, CancellationToken ct = default)
    {
        var location = ParseObjectUrl(url);
        try
        {
            await _s3.DeleteObjectAsync(location.Bucket, location.Key, ct).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (IsNotFound(ex))
        {
            // Deleting a missing object is not an error (S3 itself returns 204; a missing bucket lands here).
        }
    }

    private static S3Location ParseObjectUrl(string url)
    {
        var location = S3Location.Parse(url);
        if (location.Key.Length == 0)
        {
            throw new ArgumentException($"'{url}' names a bucket, not an object: expected s3://bucket/key.", nameof(url));
        }

        return location;
    }

    internal static bool IsNotFound(AmazonS3Exception ex) =>
        ex.StatusCode == HttpStatusCode.NotFound || ex.ErrorCode is "NoSuchKey" or "NoSuchBucket" or "NotFound";

    private static async Task<byte[]> ReadAllAsync(GetObjectResponse response, CancellationToken ct)
    {
        var capacity = response.ContentLength is > 0 and <= int.MaxValue ? (int)response.ContentLength : 0;
        using var buffer = new MemoryStream(capacity);
        await response.ResponseStream.CopyToAsync(buffer, ct).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
