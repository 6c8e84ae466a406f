namespace BatchStats.Imagery.Stac;

/// <summary>Resolves STAC hrefs relative to the file or URL that contains them.</summary>
public static class HrefResolver
{
    public static bool IsUrl(string href) => href.Contains("://", StringComparison.Ordinal);

    public static string Resolve(string? baseHref, string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        if (IsUrl(href) || baseHref is null)
        {
            return href;
        }

        if (IsUrl(baseHref))
        {
            return new Uri(new Uri(baseHref), href).ToString();
        }

        if (Path.IsPathRooted(href))
        {
            return href;
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(baseHref)) ?? ".";
        return Path.GetFullPath(Path.Combine(dir, href));
    }
}
