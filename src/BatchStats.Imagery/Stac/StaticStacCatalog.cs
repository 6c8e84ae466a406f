using System.Text.Json;

namespace BatchStats.Imagery.Stac;

/// <summary>
/// A static STAC catalog (<c>catalog.json</c> → child catalogs/collections → items) on disk or over HTTP. Relative
/// hrefs are resolved against the referencing file. Items are loaded once, on first search.
/// </summary>
public sealed class StaticStacCatalog : IStacCatalog
{
    private readonly string _root;
    private readonly HttpClient? _http;
    private readonly Lazy<Task<IReadOnlyList<StacItem>>> _items;

    public StaticStacCatalog(string rootHref, HttpClient? http = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootHref);
        _root = HrefResolver.IsUrl(rootHref) ? rootHref : Path.GetFullPath(rootHref);
        _http = http;
        _items = new Lazy<Task<IReadOnlyList<StacItem>>>(() => LoadAllAsync(CancellationToken.None));
    }

    public async Task<IReadOnlyList<StacItem>> GetAllItemsAsync(CancellationToken ct = default) =>
        await _items.Value.WaitAsync(ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<StacItem>> SearchAsync(
        string collection, GeoBox bboxWgs84, DateTimeOffset from, DateTimeOffset to, double? maxCloudCover = null, CancellationToken ct = default)
    {
        var all = await GetAllItemsAsync(ct).ConfigureAwait(false);
        return StacFilter.Sorted(all.Where(i => StacFilter.Matches(i, collection, bboxWgs84, from, to, maxCloudCover)));
    }

    private async Task<IReadOnlyList<StacItem>> LoadAllAsync(CancellationToken ct)
    {
        var items = new List<StacItem>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        await WalkAsync(_root, null, items, visited, ct).ConfigureAwait(false);
        return items;
    }

    private async Task WalkAsync(string href, string? collectionId, List<StacItem> items, HashSet<string> visited, CancellationToken ct)
    {
        if (!visited.Add(href))
        {
            return;
        }

        using var doc = JsonDocument.Parse(await ReadTextAsync(href, ct).ConfigureAwait(false));
        var e = doc.RootElement;
        var type = StacJson.Str(e, "type");
        if (type == "Feature")
        {
            var item = StacJson.ParseItem(e, href);
            items.Add(item.Collection is null && collectionId is not null ? item with { Collection = collectionId } : item);
            return;
        }

        if (type == "FeatureCollection" && e.TryGetProperty("features", out var features))
        {
            foreach (var f in features.EnumerateArray())
            {
                var item = StacJson.ParseItem(f, href);
                items.Add(item.Collection is null && collectionId is not null ? item with { Collection = collectionId } : item);
            }

            return;
        }

        var thisCollection = type == "Collection" ? StacJson.Str(e, "id") : collectionId;
        if (!e.TryGetProperty("links", out var links) || links.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var link in links.EnumerateArray())
        {
            var rel = StacJson.Str(link, "rel");
            var target = StacJson.Str(link, "href");
            if (target is null || rel is not ("child" or "item"))
            {
                continue;
            }

            await WalkAsync(HrefResolver.Resolve(href, target), thisCollection, items, visited, ct).ConfigureAwait(false);
        }
    }

    private async Task<string> ReadTextAsync(string href, CancellationToken ct)
    {
        if (HrefResolver.IsUrl(href))
        {
            if (href.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            {
                return await File.ReadAllTextAsync(new Uri(href).LocalPath, ct).ConfigureAwait(false);
            }

            var http = _http ?? throw new InvalidOperationException($"Static catalog link '{href}' is a URL but no HttpClient was given.");
            return await http.GetStringAsync(href, ct).ConfigureAwait(false);
        }

        if (!File.Exists(href))
        {
            throw new FileNotFoundException($"STAC catalog link points to a missing file: '{href}'.", href);
        }

        return await File.ReadAllTextAsync(href, ct).ConfigureAwait(false);
    }
}
