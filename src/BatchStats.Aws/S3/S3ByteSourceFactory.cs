using Amazon.S3;
using BatchStats.Imagery.Sources;

namespace BatchStats.Aws.S3;

/// <summary>Opens <c>s3://</c> URLs; combine with the file/HTTP factory via <c>CompositeByteSourceFactory</c>.</summary>
public sealed class S3ByteSourceFactory(IAmazonS3 s3) : IByteSourceFactory
{
    private readonly IAmazonS3 _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));

    public bool CanOpen(string url) => S3Location.IsS3Url(url);

    public IByteSource Open(string url) => new S3ByteSource(_s3, url);
}
