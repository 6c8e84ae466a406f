using System.Text.Json;

namespace BatchStats.Imagery.Stac;

/// <summary>An axis-aligned box <c>[minX, minY, maxX, maxY]</c> (WGS84 lon/lat for STAC bboxes).</summary>
public readonly record struct GeoBox(double MinX, double MinY, double MaxX, double MaxY)
{
    public bool Intersects(GeoBox other) => MinX <= other.MaxX && other.MinX <= MaxX && MinY <= other.MaxY && other.MinY <= MaxY;

    public static GeoBox FromArray(IReadOnlyList<double> b) => b.Count switch
    {
        4 => new GeoBox(b[0], b[1], b[2], b[3]),
        6 => new GeoBox(b[0], b[1], b[3], b[4]), // 3-D bbox
        _ => throw new ArgumentException($"A bbox has 4 or 6 numbers, got {b.Count}.", nameof(b)),
    };
}

/// <summary>One band of <c>eo:bands</c>.</summary>
public sealed record StacEoBand(string? Name, string? CommonName, double? CenterWavelength);

/// <summary>One band of <c>raster:bands</c>.</summary>
public sealed record StacRasterBand(double? NoData, double? Scale, double? Offset, string? DataType);

/// <summary>A STAC asset; <see cref="Href"/> is absolute (resolved against the file that referenced it).</summary>
public sealed record StacAsset(
    string Key,
    string Href,
    string? Type,
    IReadOnlyList<string> Roles,
    IReadOnlyList<StacEoBand> EoBands,
    IReadOnlyList<StacRasterBand> RasterBands,
    double? Gsd,
    int? ProjEpsg,
    IReadOnlyList<double>? ProjTransform,
    IReadOnlyList<int>? ProjShape);

/// <summary>Item properties the engine uses; <see cref="Raw"/> keeps the rest.</summary>
public sealed record StacItemProperties(
    double? CloudCover,
    int? ProjEpsg,
    IReadOnlyList<double>? ProjTransform,
    IReadOnlyList<int>? ProjShape,
    string? ProcessingBaseline,
    bool? BoaOffsetApplied,
    string? Platform,
    JsonElement Raw);

/// <summary>A STAC item (one Sentinel-2 tile acquisition).</summary>
public sealed record StacItem(
    string Id,
    string? Collection,
    DateTimeOffset Datetime,
    GeoBox? Bbox,
    JsonElement? Geometry,
    StacItemProperties Properties,
    IReadOnlyDictionary<string, StacAsset> Assets,
    string? SelfHref)
{
    public override string ToString() => $"{Id} ({Datetime:O})";
}
