using NetTopologySuite.Geometries;

namespace BatchStats.Geo;

/// <summary>
/// One feature of a GeoPackage. <see cref="Geometry"/> is a Polygon or MultiPolygon in the file's CRS when
/// <see cref="Error"/> is null; otherwise the feature is to be reported as failed with that message (§6.2).
/// </summary>
/// <param name="Id">The table's integer primary key.</param>
/// <param name="Identifier">The <c>identifier</c> column; null when NULL or when the table has no such column.</param>
/// <param name="Geometry">The parsed geometry (may be present with an error, e.g. when invalid), or null.</param>
/// <param name="Error">Why the feature cannot be processed, or null.</param>
public sealed record GeoFeature(long Id, string? Identifier, Geometry? Geometry, string? Error)
{
    public bool IsOk => Error is null;
}
