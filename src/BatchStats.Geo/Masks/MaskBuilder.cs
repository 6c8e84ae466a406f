using NetTopologySuite.Geometries;

namespace BatchStats.Geo;

/// <summary>Builds a feature's pixel mask on its sample grid under a <see cref="MaskRule"/> (S12).</summary>
public static class MaskBuilder
{
    /// <summary>Pixels with less covered area than this (in pixels) do not count as touched.</summary>
    public const double TouchedThreshold = 1e-12;

    /// <summary>
    /// The mask of <paramref name="polygonal"/> (Polygon or MultiPolygon, in the grid's CRS) on <paramref name="grid"/>.
    /// Parts of the polygon outside the grid are ignored.
    /// </summary>
    public static PixelMask Build(Geometry polygonal, SampleGrid grid, MaskRule rule = MaskRule.Subsample16)
    {
        ArgumentNullException.ThrowIfNull(polygonal);
        ArgumentNullException.ThrowIfNull(grid);
        var polygons = PolygonRings.FromPolygonal(polygonal);
        var inside = new byte[grid.SampleCount];
        switch (rule)
        {
            case MaskRule.Subsample16:
                SubsampleRasterizer.Rasterize(polygons, grid, 16, inside);
                return new PixelMask(grid, rule, inside, null);
            case MaskRule.Center:
                SubsampleRasterizer.Rasterize(polygons, grid, 1, inside);
                return new PixelMask(grid, rule, inside, null);
            case MaskRule.AllTouched:
            case MaskRule.Coverage:
                var coverage = new double[grid.SampleCount];
                CoverageRasterizer.Rasterize(polygons, grid, coverage);
                for (var i = 0; i < coverage.Length; i++)
                {
                    inside[i] = coverage[i] > TouchedThreshold ? (byte)1 : (byte)0;
                }

                return new PixelMask(grid, rule, inside, rule == MaskRule.Coverage ? coverage : null);
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown mask rule.");
        }
    }

    /// <summary>
    /// The S12 rule generalised to n × n sub-sample points per pixel (n = 16 is the service rule, n = 1 the centre
    /// rule); other n exist for the S12 sub-grid comparisons.
    /// </summary>
    public static byte[] BuildSubsampled(Geometry polygonal, SampleGrid grid, int samplesPerAxis)
    {
        ArgumentNullException.ThrowIfNull(polygonal);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerAxis, 1);
        var inside = new byte[grid.SampleCount];
        SubsampleRasterizer.Rasterize(PolygonRings.FromPolygonal(polygonal), grid, samplesPerAxis, inside);
        return inside;
    }

    /// <summary>Grid (S9) and mask (S12) of a feature in one call.</summary>
    public static PixelMask ForFeature(Geometry polygonal, double resx, double resy, MaskRule rule = MaskRule.Subsample16)
    {
        ArgumentNullException.ThrowIfNull(polygonal);
        return Build(polygonal, SampleGrid.FromResolution(polygonal.EnvelopeInternal, resx, resy), rule);
    }
}
