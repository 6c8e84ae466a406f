using System.IO.Compression;

namespace BatchStats.Demo;

/// <summary>
/// What <see cref="DemoArchive.Generate"/> produces. Everything is a pure function of these values: the same options
/// give byte-identical files.
/// </summary>
public sealed record DemoOptions
{
    public int Seed { get; init; } = 42;

    /// <summary>Scene width in pixels (columns).</summary>
    public int Width { get; init; } = 200;

    /// <summary>Scene height in pixels (rows).</summary>
    public int Height { get; init; } = 200;

    /// <summary>Square pixel size in metres.</summary>
    public double PixelSize { get; init; } = 10;

    /// <summary>WGS 84 / UTM zone (32601–32660, 32701–32760).</summary>
    public int Epsg { get; init; } = 32633;

    /// <summary>Easting of the scene's top-left corner (outer edge of pixel (0, 0)).</summary>
    public double OriginX { get; init; } = 560_000;

    /// <summary>Northing of the scene's top-left corner.</summary>
    public double OriginY { get; init; } = 5_160_000;

    public int FieldCount { get; init; } = 36;

    /// <summary>Acquisitions spread evenly from <see cref="SeasonStart"/> to <see cref="SeasonEnd"/> (both included).</summary>
    public int DateCount { get; init; } = 12;

    public DateOnly SeasonStart { get; init; } = new(2023, 4, 1);

    public DateOnly SeasonEnd { get; init; } = new(2023, 9, 30);

    /// <summary>COG tile edge (multiple of 16). 64 gives the small demo several tiles with ragged edges.</summary>
    public int TileSize { get; init; } = 64;

    /// <summary>One 2× overview per COG (needs a half-resolution buffer per file while writing).</summary>
    public bool WithOverviews { get; init; } = true;

    /// <summary>L2A flavour: collection <c>sentinel-2-l2a</c>, ids ending <c>_L2A</c>, plus an <c>scl</c> asset.</summary>
    public bool IncludeScl { get; init; }

    /// <summary>Lists every field's fully-inside pixel runs in truth.json (large at benchmark scale).</summary>
    public bool WriteTruthPixels { get; init; } = true;

    public CompressionLevel Compression { get; init; } = CompressionLevel.Optimal;

    /// <summary>Threads for tile generation; null = all cores.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>The default offline demo: 2 km × 2 km, 36 fields, 12 dates April–September.</summary>
    public static DemoOptions Default => new();

    /// <summary>
    /// The benchmark workload: one full 10 980 × 10 980 Sentinel-2 tile at 10 m, 512-pixel COG tiles, no overviews,
    /// fast compression and no per-pixel truth lists.
    /// </summary>
    public static DemoOptions Benchmark(int dateCount = 24, int fieldCount = 10_000) => new()
    {
        Width = 10_980,
        Height = 10_980,
        OriginX = 600_000,
        OriginY = 5_200_020,
        FieldCount = fieldCount,
        DateCount = dateCount,
        TileSize = 512,
        WithOverviews = false,
        WriteTruthPixels = false,
        Compression = CompressionLevel.Fastest,
    };

    public string CollectionId => IncludeScl ? "sentinel-2-l2a" : "sentinel-2-l1c";

    internal void Validate()
    {
        static void Require(bool ok, string field, string reason)
        {
            if (!ok)
            {
                throw new ArgumentException($"DemoOptions.{field}: {reason}");
            }
        }

        Require(Width >= 16 && Height >= 16, nameof(Width), $"the scene must be at least 16 × 16 pixels (got {Width} × {Height}).");
        Require(PixelSize > 0, nameof(PixelSize), $"must be > 0 (got {PixelSize}).");
        Require(Epsg is (>= 32601 and <= 32660) or (>= 32701 and <= 32760), nameof(Epsg), $"must be a WGS 84 / UTM zone, 326zz or 327zz (got {Epsg}).");
        Require(FieldCount >= 0, nameof(FieldCount), $"must be ≥ 0 (got {FieldCount}).");
        Require(DateCount >= 1, nameof(DateCount), $"must be ≥ 1 (got {DateCount}).");
        Require(SeasonEnd >= SeasonStart, nameof(SeasonEnd), $"{SeasonEnd:yyyy-MM-dd} is before SeasonStart {SeasonStart:yyyy-MM-dd}.");
        Require(DateCount == 1 || SeasonEnd.DayNumber - SeasonStart.DayNumber + 1 >= DateCount, nameof(DateCount), $"{DateCount} dates do not fit in the season as distinct days.");
        Require(TileSize >= 16 && TileSize % 16 == 0, nameof(TileSize), $"must be a positive multiple of 16 (got {TileSize}).");
    }
}
