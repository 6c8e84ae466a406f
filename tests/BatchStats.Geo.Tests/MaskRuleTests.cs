using NetTopologySuite.Geometries;

namespace BatchStats.Geo.Tests;

/// <summary>
/// Hand-built polygons on a 10 × 10 grid of 1-unit pixels over [0,10]² (pixel (c, r) covers x ∈ [c, c+1],
/// y ∈ [9−r, 10−r]); counts derived by hand per rule in the comments.
/// </summary>
public sealed class MaskRuleTests
{
    private static readonly GeometryFactory s_factory = new();
    private static readonly SampleGrid s_grid = SampleGrid.FromSize(new Envelope(0, 10, 0, 10), 10, 10);

    private static Polygon Rect(double x0, double y0, double x1, double y1, params Polygon[] holes) =>
        s_factory.CreatePolygon(Ring(x0, y0, x1, y1), holes.Select(h => (LinearRing)h.ExteriorRing).ToArray());

    private static LinearRing Ring(double x0, double y0, double x1, double y1) =>
        s_factory.CreateLinearRing([new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)]);

    private static void AssertCounts(Geometry geometry, int subsample16, int center, int allTouched, double area)
    {
        Assert.Equal(subsample16, MaskBuilder.Build(geometry, s_grid).InsideCount);
        Assert.Equal(center, MaskBuilder.Build(geometry, s_grid, MaskRule.Center).InsideCount);
        Assert.Equal(allTouched, MaskBuilder.Build(geometry, s_grid, MaskRule.AllTouched).InsideCount);
        var coverage = MaskBuilder.Build(geometry, s_grid, MaskRule.Coverage);
        Assert.Equal(allTouched, coverage.InsideCount);
        Assert.Equal(area, coverage.Coverage!.Sum(), 1e-12);
    }

    [Fact]
    public void Pixel_aligned_square() =>
        AssertCounts(Rect(2, 3, 5, 7), subsample16: 12, center: 12, allTouched: 12, area: 12);

    [Fact]
    public void Half_pixel_offset_square()
    {
        // x 2.5…5.5 touches columns 2–5, y 3.5…7.5 touches 5 rows: 20 pixels with area, all with sub-samples inside.
        // Centres on the boundary follow the crossing test: x = 2.5 and y = 3.5 are in, x = 5.5 and y = 7.5 out → 3 × 4.
        var square = Rect(2.5, 3.5, 5.5, 7.5);
        AssertCounts(square, subsample16: 20, center: 12, allTouched: 20, area: 12);
        var mask = MaskBuilder.Build(square, s_grid, MaskRule.Coverage);
        Assert.Equal(0.25, mask.Coverage![s_grid.Index(2, 2)]); // north-west corner pixel (c 2, y 7…8)
        Assert.Equal(0.5, mask.Coverage[s_grid.Index(3, 2)]);
        Assert.Equal(1.0, mask.Coverage[s_grid.Index(3, 3)]);
        Assert.True(mask.IsInside(5, 6));
        Assert.False(mask.IsInside(6, 6));
    }

    [Fact]
    public void Triangle()
    {
        // x + y ≤ 10. Pixel (c, k) with k = 9 − r: centre inside iff c + k ≤ 8 → Σ(9−k) = 45; the 10 diagonal pixels
        // (c + k = 9) are half covered and contain sub-samples with i + j ≤ 14 → 55; area 50.
        var triangle = s_factory.CreatePolygon([new(0, 0), new(10, 0), new(0, 10), new(0, 0)]);
        AssertCounts(triangle, subsample16: 55, center: 45, allTouched: 55, area: 50);
        var coverage = MaskBuilder.Build(triangle, s_grid, MaskRule.Coverage).Coverage!;
        Assert.Equal(0.5, coverage[s_grid.Index(0, 0)], 1e-15); // c 0, k 9: on the diagonal
        Assert.Equal(0.0, coverage[s_grid.Index(9, 0)]);
    }

    [Fact]
    public void Hole()
    {
        // Pixel-aligned 4 × 4 hole: 100 − 16 for every rule.
        AssertCounts(Rect(0, 0, 10, 10, Rect(3, 3, 7, 7)), 84, 84, 84, 84);
        // Hole 2.5…7.5: 16 pixels lie wholly in it; centres 2.5…6.5 (5 × 5) are in it by the crossing test.
        AssertCounts(Rect(0, 0, 10, 10, Rect(2.5, 2.5, 7.5, 7.5)), subsample16: 84, center: 75, allTouched: 84, area: 75);
    }

    [Fact]
    public void Hole_orientation_does_not_matter()
    {
        var clockwiseHole = s_factory.CreateLinearRing([new(3, 3), new(3, 7), new(7, 7), new(7, 3), new(3, 3)]);
        var counterClockwiseShell = Ring(0, 0, 10, 10);
        var polygon = s_factory.CreatePolygon(counterClockwiseShell, [clockwiseHole]);
        var reversed = (Polygon)polygon.Reverse();
        Assert.Equal(84, MaskBuilder.Build(reversed, s_grid, MaskRule.Coverage).Coverage!.Sum(), 1e-12);
        Assert.Equal(84, MaskBuilder.Build(reversed, s_grid).InsideCount);
    }

    [Fact]
    public void Sliver_between_sub_sample_rows_is_dropped_by_the_service_rule()
    {
        // Sub-sample rows in y 5…6 are at 5 + (j + ½)/16, the first at 5.03125. A strip y 5.001…5.03 misses all of them.
        AssertCounts(Rect(0.5, 5.001, 9.5, 5.03), subsample16: 0, center: 0, allTouched: 10, area: 9 * 0.029);
        // y 5.02…5.04 contains 5.03125; x 0.5…9.5 holds sub-samples of every column (9.46875 < 9.5).
        AssertCounts(Rect(0.5, 5.02, 9.5, 5.04), subsample16: 10, center: 0, allTouched: 10, area: 9 * 0.02);
    }

    [Fact]
    public void Multipolygon_is_the_union_of_its_parts()
    {
        var separate = s_factory.CreateMultiPolygon([Rect(0, 0, 2, 2), Rect(5, 5, 8, 6)]);
        AssertCounts(separate, 7, 7, 7, 7);
        // Overlapping parts (invalid, but the union rule still applies): 16 + 16 − 4 = 28 pixels.
        var overlapping = s_factory.CreateMultiPolygon([Rect(0, 0, 4, 4), Rect(2, 2, 6, 6)]);
        AssertCounts(overlapping, 28, 28, 28, 28);
    }

    [Fact]
    public void Polygon_crossing_the_grid_edge_is_clipped()
    {
        // Inside the grid only x 0…3, y 8…10 remain: 3 × 2 pixels.
        AssertCounts(Rect(-5, 8, 3, 15), 6, 6, 6, 6);
        // Entirely outside: nothing.
        AssertCounts(Rect(20, 20, 30, 30), 0, 0, 0, 0);
    }

    [Fact]
    public void Mask_is_row_major_with_row_zero_north()
    {
        var mask = MaskBuilder.Build(Rect(0, 9, 1, 10), s_grid); // the north-west pixel
        Assert.Equal(1, mask.Inside[0]);
        Assert.Equal(1, mask.InsideCount);
        var south = MaskBuilder.Build(Rect(9, 0, 10, 1), s_grid); // the south-east pixel
        Assert.Equal(1, south.Inside[99]);
    }

    [Fact]
    public void Non_polygon_geometry_is_refused()
    {
        var point = s_factory.CreatePoint(new Coordinate(1, 1));
        Assert.Contains("Polygon or MultiPolygon", Assert.Throws<ArgumentException>(() => MaskBuilder.Build(point, s_grid)).Message);
    }
}
