using BatchStats.Demo.Scene;

namespace BatchStats.Demo.Tests;

public sealed class FieldPixelsTests
{
    [Fact]
    public void Pixel_aligned_rectangle_covers_exactly_its_pixels()
    {
        (double, double)[] ring = [(2, 3), (2, 7), (6, 7), (6, 3), (2, 3)];
        var pixels = FieldPixels.Rasterize([ring], 10, 10);
        Assert.Equal(16, pixels.CentreInsideCount);
        Assert.Equal(16, pixels.FullyInsideCount);
        Assert.Equal([new PixelRun(3, 2, 6), new PixelRun(4, 2, 6), new PixelRun(5, 2, 6), new PixelRun(6, 2, 6)], pixels.FullyInside);
    }

    [Fact]
    public void Hole_and_scene_edge_are_excluded()
    {
        (double, double)[] outer = [(0, 0), (0, 4), (12, 4), (12, 0), (0, 0)]; // past the east edge of an 8-wide scene
        (double, double)[] hole = [(1, 1), (3, 1), (3, 3), (1, 3), (1, 1)];
        var pixels = FieldPixels.Rasterize([outer, hole], 8, 8);
        Assert.Equal((8 * 4) - 4, pixels.CentreInsideCount);
        Assert.Equal((8 * 4) - 4, pixels.FullyInsideCount);
        Assert.DoesNotContain(pixels.CentreInside, r => r.ColEnd > 8);
    }

    [Fact]
    public void Triangle_centre_and_fully_inside_sets_match_a_hand_count()
    {
        // Right triangle (0,0)-(0,4)-(4,4) in pixel units (v down): the hypotenuse u = v.
        // Centre inside ⇔ u + ½ < v + ½ ⇔ c < r: rows 1..3 have 1, 2, 3 pixels → 6.
        // Fully inside ⇔ c + 1 ≤ r (the hypotenuse only touches the corner): also 1 + 2 + 3 = 6,
        // the pixels on the diagonal (c = r) are cut through their interior and have their centre on the edge.
        (double, double)[] ring = [(0, 0), (0, 4), (4, 4), (0, 0)];
        var pixels = FieldPixels.Rasterize([ring], 10, 10);
        Assert.Equal(6, pixels.FullyInsideCount);
        Assert.All(pixels.FullyInside, r => Assert.True(r.ColEnd <= r.Row));
    }

    [Fact]
    public void Sub_pixel_square_has_no_pixel_centre()
    {
        (double, double)[] ring = [(3.1, 3.1), (3.1, 3.4), (3.4, 3.4), (3.4, 3.1), (3.1, 3.1)];
        var pixels = FieldPixels.Rasterize([ring], 10, 10);
        Assert.Equal(0, pixels.CentreInsideCount);
        Assert.Equal(0, pixels.FullyInsideCount);
    }

    [Fact]
    public void Shifted_rectangle_loses_its_cut_border_pixels_only_from_the_fully_inside_set()
    {
        // [1.3, 5.3] × [2, 4]: centres at c + ½ ∈ (1.3, 5.3) → c = 1..4; fully inside needs [c, c+1] ⊂ [1.3, 5.3] → c = 2..4.
        (double, double)[] ring = [(1.3, 2), (1.3, 4), (5.3, 4), (5.3, 2), (1.3, 2)];
        var pixels = FieldPixels.Rasterize([ring], 10, 10);
        Assert.Equal([new PixelRun(2, 1, 5), new PixelRun(3, 1, 5)], pixels.CentreInside);
        Assert.Equal([new PixelRun(2, 2, 5), new PixelRun(3, 2, 5)], pixels.FullyInside);
    }
}
