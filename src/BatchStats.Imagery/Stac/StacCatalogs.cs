namespace BatchStats.Imagery.Stac;

/// <summary>Chooses the catalog kind from the <c>--stac &lt;path|url&gt;</c> value.</summary>
public static class StacCatalogs
{
    /// <summary>
    /// A local path or a URL ending in <c>.json</c> is a static catalog; any other URL is a STAC API root;
    /// null/empty means Earth Search v1.
    /// </summary>
    public static IStacCatalog Open(string? pathOrUrl, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (string.IsNullOrWhiteSpace(pathOrUrl))
        {
            return new StacApiClient(http);
        }

        if (!HrefResolver.IsUrl(pathOrUrl) || pathOrUrl.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var path = !HrefResolver.IsUrl(pathOrUrl) && Directory.Exists(pathOrUrl) ? Path.Combine(pathOrUrl, "catalog.json") : pathOrUrl;
            return new StaticStacCatalog(path, http);
        }

        return new StacApiClient(http, pathOrUrl);
    }
}
