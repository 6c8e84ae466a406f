namespace BatchStats.Aws.S3;

/// <summary>A parsed <c>s3://bucket/key</c> URL. The key may be empty (a whole-bucket prefix).</summary>
public readonly record struct S3Location(string Bucket, string Key)
{
    public const string Scheme = "s3://";

    public static bool IsS3Url(string? url) => url is not null && url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    public static S3Location Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsS3Url(url))
        {
            throw new ArgumentException($"'{url}' is not an S3 URL: expected s3://bucket/key.", nameof(url));
        }

        var rest = url[Scheme.Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0)
        {
            throw new ArgumentException($"'{url}' has no bucket name: expected s3://bucket/key.", nameof(url));
        }

        return new S3Location(bucket, slash < 0 ? string.Empty : rest[(slash + 1)..]);
    }

    public override string ToString() => $"{Scheme}{Bucket}/{Key}";
}
