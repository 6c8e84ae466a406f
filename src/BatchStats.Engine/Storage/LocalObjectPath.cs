namespace BatchStats.Engine.Storage;

/// <summary>
/// Maps an object URL to a filesystem path for local mode: <c>file:///abs/path</c> and plain paths are used as is,
/// <c>s3://bucket/key</c> becomes <c>&lt;root&gt;/bucket/key</c>. Any <c>..</c> segment is rejected.
/// </summary>
internal readonly record struct LocalObjectPath(string FullPath, string UrlPrefix, string RootForUrl)
{
    /// <summary>Turns a filesystem path back into the URL form it was addressed with.</summary>
    public string ToUrl(string fullPath)
    {
        var relative = Path.GetRelativePath(RootForUrl, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        return UrlPrefix + relative;
    }

    public static LocalObjectPath Resolve(string url, string s3Root)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        if (url.IndexOf('\0') >= 0)
        {
            throw new ArgumentException($"Object URL contains a NUL character: '{url}'.", nameof(url));
        }

        if (url.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = url["s3://".Length..];
            var slash = rest.IndexOf('/');
            var bucket = slash < 0 ? rest : rest[..slash];
            var key = slash < 0 ? "" : rest[(slash + 1)..];
            if (bucket.Length == 0)
            {
                throw new ArgumentException($"Object URL '{url}' has no bucket.", nameof(url));
            }

            RejectTraversal(url, bucket + "/" + key);
            var bucketRoot = Path.GetFullPath(Path.Combine(s3Root, bucket));
            var full = Path.GetFullPath(Path.Combine(bucketRoot, key));
            EnsureUnder(url, full, bucketRoot);
            if (key.EndsWith('/'))
            {
                full += Path.DirectorySeparatorChar;
            }

            return new LocalObjectPath(full, "s3://" + bucket + "/", bucketRoot);
        }

        string path;
        string prefix;
        if (url.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            path = Uri.UnescapeDataString(url["file://".Length..]);
            if (!path.StartsWith('/'))
            {
                throw new ArgumentException($"Object URL '{url}' must be an absolute file:/// URL.", nameof(url));
            }

            prefix = "file://";
        }
        else if (url.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Object URL '{url}' has an unsupported scheme (expected s3://, file:// or a path).", nameof(url));
        }
        else
        {
            path = url;
            prefix = "";
        }

        RejectTraversal(url, path);
        var fullPath = Path.GetFullPath(path);
        if (path.EndsWith('/') && !fullPath.EndsWith(Path.DirectorySeparatorChar))
        {
            fullPath += Path.DirectorySeparatorChar;
        }

        // Relative plain paths keep being reported relative to the current folder; absolute ones as absolute.
        var root = Path.IsPathRooted(path) ? Path.GetPathRoot(fullPath)! : Path.GetFullPath(".");
        var urlPrefix = prefix + (Path.IsPathRooted(path) ? Path.GetPathRoot(fullPath)!.Replace('\\', '/') : "");
        return new LocalObjectPath(fullPath, urlPrefix, root);
    }

    private static void RejectTraversal(string url, string path)
    {
        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment == "..")
            {
                throw new ArgumentException($"Object URL '{url}' contains a '..' segment (path traversal is not allowed).", nameof(url));
            }
        }
    }

    private static void EnsureUnder(string url, string full, string root)
    {
        var rootWithSep = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSep, StringComparison.Ordinal) && full != root)
        {
            throw new ArgumentException($"Object URL '{url}' resolves outside its bucket.", nameof(url));
        }
    }
}
