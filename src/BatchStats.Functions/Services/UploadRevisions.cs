using System.Net;
using Amazon.S3;
using BatchStats.Functions.Errors;

namespace BatchStats.Functions.Services;

/// <summary>Fills in the ETag/version id of an upload the event did not carry (the state machine passes only bucket and key).</summary>
public sealed class UploadRevisions(IAmazonS3 s3)
{
    public async Task<UploadedObject> ResolveAsync(UploadedObject upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Revision is not null)
        {
            return upload;
        }

        try
        {
            var head = await s3.GetObjectMetadataAsync(upload.Bucket, upload.Key, ct).ConfigureAwait(false);
            return upload with { ETag = head.ETag, VersionId = head.VersionId };
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode is "NoSuchKey" or "NoSuchBucket")
        {
            throw new InvalidInputError($"The uploaded object {upload.Url} does not exist.", e);
        }
    }
}
