namespace BatchStats.Imagery.Stac;

/// <summary>Finds scenes: a static catalog or a STAC API.</summary>
public interface IStacCatalog
{
    /// <summary>
    /// Items of <paramref name="collection"/> whose bbox intersects <paramref name="bboxWgs84"/>, with
    /// <c>from ≤ datetime &lt; to</c> (half-open, S6) and <c>eo:cloud_cover ≤ maxCloudCover</c> when given (S14).
    /// Ordered by datetime, then id.
    /// </summary>
    Task<IReadOnlyList<StacItem>> SearchAsync(
        string collection, GeoBox bboxWgs84, DateTimeOffset from, DateTimeOffset to, double? maxCloudCover = null, CancellationToken ct = default);
}

/// <summary>The filters of <see cref="IStacCatalog.SearchAsync"/>, shared by every catalog kind.</summary>
public static class StacFilter
{
    public static bool Matches(StacItem item, string collection, GeoBox bbox, DateTimeOffset from, DateTimeOffset to, double? maxCloudCover) =>
        (item.Collection is null || string.Equals(item.Collection, collection, StringComparison.Ordinal))
        && item.Datetime >= from && item.Datetime < to
        && (maxCloudCover is not { } max || (item.Properties.CloudCover ?? 0) <= max)
        && (item.Bbox is not { } b || b.Intersects(bbox));

    public static IReadOnlyList<StacItem> Sorted(IEnumerable<StacItem> items) =>
        items.OrderBy(i => i.Datetime).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
}
