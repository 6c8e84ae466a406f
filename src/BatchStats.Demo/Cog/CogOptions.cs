using System.IO.Compression;

namespace BatchStats.Demo.Cog;

/// <summary>Layout and encoding of one single-band COG.</summary>
public sealed record CogOptions
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    public required CogSampleType SampleType { get; init; }

    public required GeoReference Geo { get; init; }

    /// <summary>Square tile edge in pixels; a multiple of 16 (TIFF rule), e.g. 64, 256 or 512.</summary>
    public int TileSize { get; init; } = 256;

    /// <summary>Written as the GDAL_NODATA tag; NaN is allowed for Float32. Also pads edge tiles.</summary>
    public double? NoData { get; init; }

    /// <summary>Adds one 2× overview level (IFD chain, NewSubfileType = 1).</summary>
    public bool WithOverview { get; init; }

    public OverviewResampling OverviewResampling { get; init; } = OverviewResampling.Average;

    public CompressionLevel Compression { get; init; } = CompressionLevel.Optimal;

    /// <summary>TIFF Predictor: 2 (horizontal differencing) for integer types, 1 (none) for Float32.</summary>
    public int Predictor => SampleType == CogSampleType.Float32 ? 1 : 2;

    public int BytesPerSample => SampleType switch
    {
        CogSampleType.UInt8 => 1,
        CogSampleType.UInt16 => 2,
        _ => 4,
    };

    public int TilesAcross => (Width + TileSize - 1) / TileSize;

    public int TilesDown => (Height + TileSize - 1) / TileSize;

    public int OverviewWidth => (Width + 1) / 2;

    public int OverviewHeight => (Height + 1) / 2;

    internal void Validate()
    {
        if (Width < 1 || Height < 1)
        {
            throw new ArgumentException($"Width and Height must be ≥ 1 (got {Width} × {Height}).");
        }

        if (TileSize < 16 || TileSize % 16 != 0)
        {
            throw new ArgumentException($"TileSize must be a positive multiple of 16 (got {TileSize}).");
        }

        if (Geo.PixelSizeX <= 0 || Geo.PixelSizeY <= 0)
        {
            throw new ArgumentException($"Geo pixel sizes must be > 0 (got {Geo.PixelSizeX}, {Geo.PixelSizeY}).");
        }

        if (NoData is { } nd && double.IsNaN(nd) && SampleType != CogSampleType.Float32)
        {
            throw new ArgumentException("NoData NaN is only valid for Float32 rasters.");
        }
    }
}
