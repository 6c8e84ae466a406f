namespace BatchStats.Imagery.Sources;

/// <summary>Opens local paths, <c>file://</c> URIs and <c>http(s)://</c> URLs (one shared <see cref="HttpClient"/>).</summary>
public sealed class FileAndHttpByteSourceFactory : IByteSourceFactory
{
    private readonly HttpClient _http;

    public FileAndHttpByteSourceFactory(HttpClient? http = null) => _http = http ?? s_sharedClient.Value;

    private static readonly Lazy<HttpClient> s_sharedClient = new(() => new HttpClient());

    public bool CanOpen(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (IsHttp(url))
        {
            return true;
        }

        if (url.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // A plain path: anything without a URI scheme (Windows drive letters count as paths).
        var colon = url.IndexOf("://", StringComparison.Ordinal);
        return colon < 0;
    }

    public IByteSource Open(string url)
    {
        if (!CanOpen(url))
        {
            throw new NotSupportedException($"Cannot open '{url}': only local paths, file:// and http(s):// are supported here.");
        }

        if (IsHttp(url))
        {
            return new HttpByteSource(new Uri(url), _http);
        }

        var path = url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(url).LocalPath : url;
        return new FileByteSource(path);
    }

    private static bool IsHttp(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Tries several factories in order (e.g. the S3 factory from BatchStats.Aws, then file/HTTP).</summary>
public sealed class CompositeByteSourceFactory(params IByteSourceFactory[] factories) : IByteSourceFactory
{
    public bool CanOpen(string url) => factories.Any(f => f.CanOpen(url));

    public IByteSource Open(string url) =>
        (factories.FirstOrDefault(f => f.CanOpen(url))
         ?? throw new NotSupportedException($"No byte source can open '{url}'.")).Open(url);
}
