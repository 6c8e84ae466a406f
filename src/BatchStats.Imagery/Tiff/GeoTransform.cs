namespace BatchStats.Imagery.Tiff;

/// <summary>
/// GDAL-style affine geotransform: <c>x = C0 + col·C1 + row·C2</c>, <c>y = C3 + col·C4 + row·C5</c>, where (col, row)
/// are pixel-corner coordinates (pixel (0,0) covers col ∈ [0,1)).
/// </summary>
public readonly record struct GeoTransform(double C0, double C1, double C2, double C3, double C4, double C5)
{
    /// <summary>From STAC <c>proj:transform</c> (a, b, c, d, e, f [, 0, 0, 1]).</summary>
    public static GeoTransform FromStacProj(IReadOnlyList<double> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Count is not (6 or 9))
        {
            throw new ArgumentException($"proj:transform must have 6 or 9 elements, got {t.Count}.", nameof(t));
        }

        return new GeoTransform(t[2], t[0], t[1], t[5], t[3], t[4]);
    }

    public (double X, double Y) PixelToWorld(double col, double row) => (C0 + col * C1 + row * C2, C3 + col * C4 + row * C5);

    /// <summary>Inverse: world coordinates → fractional (col, row) in pixel-corner space.</summary>
    public (double Col, double Row) WorldToPixel(double x, double y)
    {
        var det = C1 * C5 - C2 * C4;
        if (det == 0)
        {
            throw new InvalidOperationException("Geotransform is not invertible.");
        }

        var dx = x - C0;
        var dy = y - C3;
        return ((dx * C5 - dy * C2) / det, (dy * C1 - dx * C4) / det);
    }

    /// <summary>The transform of an overview/resampled grid of <paramref name="width"/>×<paramref name="height"/> over the same extent.</summary>
    public GeoTransform Rescaled(int fullWidth, int fullHeight, int width, int height)
    {
        var sx = (double)fullWidth / width;
        var sy = (double)fullHeight / height;
        return new GeoTransform(C0, C1 * sx, C2 * sy, C3, C4 * sx, C5 * sy);
    }
}
