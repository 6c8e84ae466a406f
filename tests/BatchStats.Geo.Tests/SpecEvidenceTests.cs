using BatchStats.TestSupport;
using NetTopologySuite.Geometries;

namespace BatchStats.Geo.Tests;

/// <summary>The worked examples of statistics-semantics.md S9 (grid size) and S12 (polygon mask evidence table).</summary>
public sealed class SpecEvidenceTests
{
    private static Geometry ParcelIn32633(long id)
    {
        using var reader = GeoPackageReader.Open(SharedData.Data("parcels/geopackage-example.gpkg"));
        var feature = reader.Read(id) ?? throw new InvalidOperationException($"feature {id} missing");
        Assert.Null(feature.Error);
        return CrsTransform.Create(4326, 32633).Transform(feature.Geometry!);
    }

    [SkippableTheory]
    [InlineData(1, 67.005, 160.062, 7, 16)] // S9 table row "GPKG feature 1"
    [InlineData(2, 43.727, 116.280, 4, 12)] // S9 table row "GPKG feature 2"
    public void Gpkg_feature_bbox_and_grid_match_S9(long id, double width, double height, int w, int h)
    {
        var geometry = ParcelIn32633(id);
        var bbox = geometry.EnvelopeInternal;
        Assert.Equal(width, bbox.Width, 0.0015);
        Assert.Equal(height, bbox.Height, 0.0015);
        var grid = SampleGrid.FromResolution(bbox, 10, 10);
        Assert.Equal((w, h), (grid.Width, grid.Height));
        Assert.Equal(w * h, grid.SampleCount);
    }

    [SkippableTheory]
    [InlineData(1, MaskRule.Subsample16, 109)] // S12 rule column
    [InlineData(2, MaskRule.Subsample16, 48)]
    [InlineData(1, MaskRule.Center, 93)] // "pixel centre" column
    [InlineData(2, MaskRule.Center, 40)]
    [InlineData(1, MaskRule.AllTouched, 110)] // "any overlap (all-touched)" column
    [InlineData(2, MaskRule.AllTouched, 48)]
    public void Gpkg_feature_valid_pixels_match_S12(long id, MaskRule rule, int expected)
    {
        var mask = MaskBuilder.ForFeature(ParcelIn32633(id), 10, 10, rule);
        Assert.Equal(expected, mask.InsideCount);
    }

    [SkippableTheory]
    [InlineData(1, 109)] // S12 "coverage > 1 %" column
    [InlineData(2, 48)]
    public void Gpkg_feature_pixels_with_more_than_one_percent_coverage_match_S12(long id, int expected)
    {
        var mask = MaskBuilder.ForFeature(ParcelIn32633(id), 10, 10, MaskRule.Coverage);
        Assert.Equal(expected, mask.Coverage!.Count(f => f > 0.01));
    }

    [Theory]
    [InlineData(10, 54, 60, 3240)] // S9 DocEx bbox at res 10
    [InlineData(20, 27, 30, 810)] // S9 DocEx bbox at res 20
    public void DocEx_bbox_sample_count_matches_S9(double res, int w, int h, long samples)
    {
        var grid = SampleGrid.FromResolution(new Envelope(414315, 414859, 4958219, 4958819), res, res);
        Assert.Equal((w, h, samples), (grid.Width, grid.Height, grid.SampleCount));
    }
}
