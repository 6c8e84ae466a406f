using System.Net;
using BatchStats.Functions.Errors;
using BatchStats.Functions.Services;

namespace BatchStats.Functions.Events;

/// <summary>The uploaded objects an <see cref="UploadEvent"/> names, whichever of its three shapes it has.</summary>
public static class UploadEvents
{
    public static IReadOnlyList<UploadedObject> Extract(UploadEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Records is { } records)
        {
            // S3 notification keys are URL-encoded ('+' = space); moto also encodes '/'.
            return records
                .Where(r => r.S3?.Bucket?.Name is not null && r.S3.Object?.Key is not null)
                .Select(r => new UploadedObject(r.S3!.Bucket!.Name!, WebUtility.UrlDecode(r.S3.Object!.Key!), r.S3.Object.ETag, r.S3.Object.VersionId))
                .ToList();
        }

        if (e.Detail is { } detail)
        {
            var bucket = detail.Bucket?.Name ?? throw new InvalidInputError("EventBridge event: detail.bucket.name is missing.");
            var key = detail.Object?.Key ?? throw new InvalidInputError("EventBridge event: detail.object.key is missing.");
            return [new UploadedObject(bucket, key, detail.Object.ETag, detail.Object.VersionId)];
        }

        if (e.Bucket is not null || e.Key is not null)
        {
            if (string.IsNullOrEmpty(e.Bucket) || string.IsNullOrEmpty(e.Key))
            {
                throw new InvalidInputError("CreateRequest input: both 'bucket' and 'key' are required.");
            }

            return [new UploadedObject(e.Bucket, e.Key, null, null)];
        }

        throw new InvalidInputError("CreateRequest input is none of: an S3 event (Records[]), an EventBridge event (detail), {bucket, key}.");
    }
}
