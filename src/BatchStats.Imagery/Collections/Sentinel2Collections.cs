using BatchStats.Imagery.Tiff;

namespace BatchStats.Imagery.Collections;

/// <summary>The Sentinel-2 L1C and L2A band catalogues (evalscript-v3 §5). <c>dataMask</c> is produced by the engine.</summary>
public static class Sentinel2Collections
{
    public const string DataMask = "dataMask";

    private static readonly string[] s_optical = [BandUnits.Reflectance, BandUnits.DN];
    private static readonly string[] s_dn = [BandUnits.DN];

    private static BandInfo Optical(string name, string key, string? common, double res) =>
        new(name, key, common, res, s_optical, RasterDataType.UInt16, IsOptical: true);

    private static readonly BandInfo[] s_common =
    [
        Optical("B01", "coastal", "coastal", 60),
        Optical("B02", "blue", "blue", 10),
        Optical("B03", "green", "green", 10),
        Optical("B04", "red", "red", 10),
        Optical("B05", "rededge1", "rededge", 20),
        Optical("B06", "rededge2", "rededge", 20),
        Optical("B07", "rededge3", "rededge", 20),
        Optical("B08", "nir", "nir", 10),
        Optical("B8A", "nir08", "nir08", 20),
        Optical("B09", "nir09", "nir09", 60),
    ];

    private static readonly BandInfo[] s_swir =
    [
        Optical("B11", "swir16", "swir16", 20),
        Optical("B12", "swir22", "swir22", 20),
    ];

    // CLM: 160 m on Sentinel Hub [unsure]; our static catalog carries it on the band grid.
    private static readonly BandInfo s_clm = new("CLM", "clm", null, 160, s_dn, RasterDataType.UInt8, IsOptical: false);
    private static readonly BandInfo s_clp = new("CLP", "clp", null, 160, s_dn, RasterDataType.UInt8, IsOptical: false);

    public static CollectionInfo L1C { get; } = new(
        "sentinel-2-l1c",
        [.. s_common, Optical("B10", "cirrus", "cirrus", 60), .. s_swir, s_clm, s_clp],
        ["S2L1C", "sentinel-s2-l1c"]);

    public static CollectionInfo L2A { get; } = new(
        "sentinel-2-l2a",
        [
            .. s_common, .. s_swir,
            new("AOT", "aot", null, 10, [BandUnits.OpticalDepth, BandUnits.DN], RasterDataType.UInt16, IsOptical: false),
            new("SCL", "scl", null, 20, s_dn, RasterDataType.UInt8, IsOptical: false),
            new("SNW", "snw", null, 20, [BandUnits.Percent], RasterDataType.UInt8, IsOptical: false),
            new("CLD", "cld", null, 20, [BandUnits.Percent], RasterDataType.UInt8, IsOptical: false),
            s_clm, s_clp,
        ],
        ["S2L2A", "sentinel-s2-l2a", "sentinel-s2-l2a-cogs"]);

    public static IReadOnlyList<CollectionInfo> All { get; } = [L1C, L2A];

    /// <summary>By id or alias (case-insensitive); throws with the known ids otherwise.</summary>
    public static CollectionInfo Get(string idOrAlias) =>
        All.FirstOrDefault(c => string.Equals(c.Id, idOrAlias, StringComparison.OrdinalIgnoreCase)
                                || c.Aliases.Any(a => string.Equals(a, idOrAlias, StringComparison.OrdinalIgnoreCase)))
        ?? throw new KeyNotFoundException($"Unknown collection '{idOrAlias}'. Known: {string.Join(", ", All.Select(c => c.Id))}.");
}
