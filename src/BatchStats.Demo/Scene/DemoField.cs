namespace BatchStats.Demo.Scene;

/// <summary>
/// One generated field. Rings are closed (first point = last) and given in scene pixel coordinates:
/// u = (x − originX) / pixelSize grows east, v = (originY − y) / pixelSize grows south; the first ring is the
/// exterior (counter-clockwise in map coordinates), the others are holes.
/// </summary>
public sealed class DemoField
{
    internal DemoField(int id, CropType crop, FieldKind kind, Phenology phenology, double brightness, IReadOnlyList<(double U, double V)[]> rings)
    {
        Id = id;
        Crop = crop;
        Kind = kind;
        Phenology = phenology;
        Brightness = brightness;
        Rings = rings;
    }

    /// <summary>1-based; the GeoPackage primary key.</summary>
    public int Id { get; }

    public string Identifier => $"DEMO.{Id:D5}";

    public CropType Crop { get; }

    public FieldKind Kind { get; }

    public Phenology Phenology { get; }

    /// <summary>Per-field NIR brightness factor (soil and canopy differences); does not change NDVI.</summary>
    public double Brightness { get; }

    public IReadOnlyList<(double U, double V)[]> Rings { get; }

    public bool IsValidGeometry => Kind != FieldKind.SelfIntersecting;

    /// <summary>All vertices on pixel edges: any reasonable pixel-mask rule selects exactly the fully-inside pixels.</summary>
    public bool IsPixelAligned => Kind is FieldKind.Rectangle or FieldKind.WithHole or FieldKind.CrossesSceneEdge;

    /// <summary>Pixel footprint inside the scene; set by the layout.</summary>
    public FieldPixels Pixels { get; internal set; } = FieldPixels.Empty;

    public (double MinU, double MinV, double MaxU, double MaxV) Envelope
    {
        get
        {
            var ring = Rings[0];
            return (ring.Min(p => p.U), ring.Min(p => p.V), ring.Max(p => p.U), ring.Max(p => p.V));
        }
    }
}
