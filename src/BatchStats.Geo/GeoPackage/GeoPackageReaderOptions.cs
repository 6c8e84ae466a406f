namespace BatchStats.Geo;

public sealed record GeoPackageReaderOptions
{
    /// <summary>§6.2: at most 700 000 features per GeoPackage.</summary>
    public const long DefaultMaxFeatures = 700_000;

    public static GeoPackageReaderOptions Default { get; } = new();

    /// <summary>Feature table to read; null = first <c>gpkg_contents</c> row with data_type 'features' by table_name.</summary>
    public string? Layer { get; init; }

    public long MaxFeatures { get; init; } = DefaultMaxFeatures;

    /// <summary>
    /// Scan every geometry blob header at open to refuse files whose blobs use a different srs_id than the layer
    /// (mixed CRS). One pass over the table; workers reading a chunk of a file validated at analysis can skip it.
    /// </summary>
    public bool CheckMixedSrs { get; init; } = true;

    /// <summary>Run NTS validity checks per feature (self-intersections etc. become per-feature errors).</summary>
    public bool ValidateGeometry { get; init; } = true;
}
