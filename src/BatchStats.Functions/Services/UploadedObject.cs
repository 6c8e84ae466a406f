using System.Security.Cryptography;
using System.Text;

namespace BatchStats.Functions.Services;

/// <summary>An uploaded object as an event names it; <see cref="Revision"/> (version id, else ETag) tells re-uploads apart.</summary>
public sealed record UploadedObject(string Bucket, string Key, string? ETag, string? VersionId)
{
    public string Url => $"s3://{Bucket}/{Key}";

    public string? Revision => !string.IsNullOrEmpty(VersionId) && VersionId != "null" ? VersionId : ETag?.Trim('"');

    public bool IsGeoPackage => Key.EndsWith(".gpkg", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The request id of this upload: a UUID-shaped SHA-256 of bucket, key and revision, so a re-delivered event maps
    /// to the same job (and a conditional create finds it) while a new upload of the same key gets a new job.
    /// </summary>
    public string RequestId()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Bucket}\n{Key}\n{Revision}"));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }
}
