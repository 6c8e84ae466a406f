using NetTopologySuite.Geometries;

namespace BatchStats.Engine.Sync;

/// <summary>
/// A validated <c>input.bounds</c> (§10.1) in EPSG <see cref="Epsg"/>: with both, the geometry masks and the bbox sets
/// the grid; only a geometry → its bbox sets the grid (Decision); only a bbox → the bbox polygon is the mask.
/// </summary>
public sealed record SyncBounds(Envelope? Bbox, Geometry? Geometry, int Epsg)
{
    private static readonly GeometryFactory s_factory = new();

    /// <summary>The box the S9 grid is stretched over.</summary>
    public Envelope GridBox => Bbox ?? Geometry!.EnvelopeInternal;

    /// <summary>The polygon of the S12 mask.</summary>
    public Geometry Mask => Geometry ?? s_factory.ToGeometry(Bbox!);
}
