using BatchStats.Imagery.Stac;

namespace BatchStats.Imagery.Mosaic;

/// <summary>Tile filtering (S14) and ordering (S15).</summary>
public static class SceneSelection
{
    /// <summary>
    /// Keeps scenes with <c>from ≤ datetime &lt; to</c> (S6), <c>eo:cloud_cover ≤ maxCloudCoverage</c> (missing cloud
    /// cover counts as 0) and an item bbox intersecting <paramref name="featureBboxWgs84"/> (S7 envelope rule).
    /// </summary>
    public static IReadOnlyList<StacItem> Filter(
        IEnumerable<StacItem> scenes, DateTimeOffset from, DateTimeOffset to, double maxCloudCoverage, GeoBox featureBboxWgs84) =>
        scenes.Where(s => s.Datetime >= from && s.Datetime < to
                          && (s.Properties.CloudCover ?? 0) <= maxCloudCoverage
                          && (s.Bbox is not { } b || b.Intersects(featureBboxWgs84)))
              .ToList();

    /// <summary>
    /// mostRecent: time descending; leastRecent: ascending; leastCC: cloud cover ascending, ties most recent first.
    /// Identical timestamps: id ascending.
    /// </summary>
    public static IReadOnlyList<StacItem> Order(IEnumerable<StacItem> scenes, MosaickingOrder order) => order switch
    {
        MosaickingOrder.MostRecent => scenes.OrderByDescending(s => s.Datetime).ThenBy(s => s.Id, StringComparer.Ordinal).ToList(),
        MosaickingOrder.LeastRecent => scenes.OrderBy(s => s.Datetime).ThenBy(s => s.Id, StringComparer.Ordinal).ToList(),
        MosaickingOrder.LeastCC => scenes.OrderBy(s => s.Properties.CloudCover ?? 0).ThenByDescending(s => s.Datetime)
            .ThenBy(s => s.Id, StringComparer.Ordinal).ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, null),
    };
}
