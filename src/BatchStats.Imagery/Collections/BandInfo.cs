using BatchStats.Imagery.Tiff;

namespace BatchStats.Imagery.Collections;

/// <summary>Units an evalscript may request (evalscript-v3 §5–§6).</summary>
public static class BandUnits
{
    public const string Reflectance = "REFLECTANCE";
    public const string DN = "DN";
    public const string OpticalDepth = "OPTICAL_DEPTH";
    public const string Percent = "PERCENT";
    public const string Degrees = "DEGREES";
}

/// <summary>
/// One band of a collection: its id (<c>B04</c>), the Earth Search asset key / common name (<c>red</c>), native
/// resolution in metres, allowed units (first = default), and whether the L1C/L2A +1000 DN offset applies.
/// </summary>
public sealed record BandInfo(
    string Name,
    string? AssetKey,
    string? CommonName,
    double ResolutionMeters,
    IReadOnlyList<string> Units,
    RasterDataType SourceType,
    bool IsOptical)
{
    public string DefaultUnits => Units[0];

    public bool SupportsUnits(string units) => Units.Contains(units, StringComparer.Ordinal);
}
