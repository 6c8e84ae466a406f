using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using BatchStats.Imagery.Sources;

namespace BatchStats.Aws.S3;

/// <summary>Random access to one S3 object: each <see cref="ReadAsync"/> is one ranged GET.</summary>
public sealed class S3ByteSource : IByteSource
{
    private readonly IAmazonS3 _s3;
    private readonly S3Location _location;
    private long _length = -1;

    public S3ByteSource(IAmazonS3 s3, string url)
    {
        _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));
        _location = S3Location.Parse(url);
        if (_location.Key.Length == 0)
        {
            throw new ArgumentException($"'{url}' names a bucket, not an object: expected s3://bucket/key.", nameof(url));
        }

        Id = url;
    }

    public string Id { get; }

    public async ValueTask<long> GetLengthAsync(CancellationToken ct = default)
    {
        if (_length >= 0)
        {
            return _length;
        }

        try
        {
            var metadata = await _s3.GetObjectMetadataAsync(_location.Bucket, _location.Key, ct).ConfigureAwait(false);
            _length = metadata.ContentLength;
            return _length;
        }
        catch (AmazonS3Exception ex) when (S3ObjectStore.IsNotFound(ex))
        {
            throw new FileNotFoundException($"S3 source '{Id}' does not exist.", Id, ex);
        }
    }

    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, int length, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        try
        {
            using var response = await _s3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = _location.Bucket,
                Key = _location.Key,
                ByteRange = new ByteRange(offset, offset + length - 1),
            }, ct).ConfigureAwait(false);

            var buffer = new byte[length];
            var read = 0;
            while (read < length)
            {
                var n = await response.ResponseStream.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return buffer.AsMemory(0, read);
        }
        catch (AmazonS3Exception ex) when (S3ObjectStore.IsNotFound(ex))
        {
            throw new FileNotFoundException($"S3 source '{Id}' does not exist.", Id, ex);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return ReadOnlyMemory<byte>.Empty; // offset at or past the end of the object
        }
    }

    public void Dispose()
    {
        // The client is shared and owned by whoever created the factory.
    }
}
