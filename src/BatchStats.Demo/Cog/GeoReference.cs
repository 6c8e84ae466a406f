namespace BatchStats.Demo.Cog;

/// <summary>
/// A north-up georeference: the outer top-left corner of pixel (0, 0) and positive pixel sizes.
/// GeoTIFF stores it as ModelTiepoint (0,0) → (OriginX, OriginY) and ModelPixelScale (PixelSizeX, PixelSizeY).
/// </summary>
public sealed record GeoReference(int Epsg, double OriginX, double OriginY, double PixelSizeX, double PixelSizeY)
{
    /// <summary>True for geographic CRSs (EPSG 4000–4999), which need GTModelType geographic in the GeoKeys.</summary>
    public bool IsGeographic => Epsg is >= 4000 and < 5000;

    /// <summary>GDAL GeoTransform order: originX, pixelSizeX, 0, originY, 0, −pixelSizeY.</summary>
    public double[] ToGdalGeoTransform() => [OriginX, PixelSizeX, 0, OriginY, 0, -PixelSizeY];

    /// <summary>STAC <c>proj:transform</c> (affine a, b, c, d, e, f).</summary>
    public double[] ToStacTransform() => [PixelSizeX, 0, OriginX, 0, -PixelSizeY, OriginY];
}
