using BatchStats.Imagery.Stac;

namespace BatchStats.Imagery.Collections;

/// <summary>
/// Finds the asset of a band in an item across catalog conventions: Earth Search v0 keys (<c>B04</c>), v1 keys and
/// <c>eo:bands.name</c> as common names (<c>red</c>), the s2-slovenia catalog (key <c>red</c>, <c>eo:bands.name</c>
/// <c>B04</c>). JPEG2000 twins and multi-band assets (<c>visual</c>) are never chosen.
/// </summary>
public static class AssetResolver
{
    public static StacAsset? Find(StacItem item, BandInfo band)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(band);
        var candidates = item.Assets.Values.Where(IsSingleBandRaster).ToList();
        return candidates.FirstOrDefault(a => Eq(a.Key, band.Name))
               ?? candidates.FirstOrDefault(a => band.AssetKey is not null && Eq(a.Key, band.AssetKey))
               ?? candidates.FirstOrDefault(a => a.EoBands.Count == 1 && (Eq(a.EoBands[0].Name, band.Name) || (band.AssetKey is not null && Eq(a.EoBands[0].Name, band.AssetKey))))
               ?? candidates.FirstOrDefault(a => a.EoBands.Count == 1 && band.CommonName is not null && Eq(a.EoBands[0].CommonName, band.CommonName)
                                                 && candidates.Count(o => o.EoBands.Count == 1 && Eq(o.EoBands[0].CommonName, band.CommonName)) == 1);
    }

    public static StacAsset Get(StacItem item, BandInfo band) =>
        Find(item, band) ?? throw new KeyNotFoundException(
            $"Item '{item.Id}' has no asset for band '{band.Name}' (looked for key '{band.Name}'/'{band.AssetKey}' and eo:bands name/common_name). " +
            $"Assets: {string.Join(", ", item.Assets.Keys)}.");

    private static bool IsSingleBandRaster(StacAsset a)
    {
        if (a.Key.EndsWith("-jp2", StringComparison.OrdinalIgnoreCase) || a.EoBands.Count > 1)
        {
            return false;
        }

        return a.Type is null || a.Type.Contains("tiff", StringComparison.OrdinalIgnoreCase);
    }

    private static bool Eq(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
