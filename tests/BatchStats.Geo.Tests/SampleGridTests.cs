using NetTopologySuite.Geometries;

namespace BatchStats.Geo.Tests;

public sealed class SampleGridTests
{
    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(1.5, 2)]
    [InlineData(2.5, 3)] // half-up, not banker's rounding (S9 decision)
    [InlineData(-0.5, 0)]
    [InlineData(-1.5, -1)]
    [InlineData(0.49999999999999994, 0)] // the Java 6 Math.round bug is not reproduced
    [InlineData(6.7005, 7)]
    [InlineData(4.3727, 4)]
    public void Java_round_is_half_up(double value, long expected) => Assert.Equal(expected, JavaMath.Round(value));

    [Fact]
    public void Ties_round_up_and_sub_pixel_boxes_get_one_pixel()
    {
        var tie = SampleGrid.FromResolution(new Envelope(0, 25, 0, 35), 10, 10);
        Assert.Equal((3, 4), (tie.Width, tie.Height)); // 2.5 → 3, 3.5 → 4
        var tiny = SampleGrid.FromResolution(new Envelope(0, 3, 0, 4), 10, 10);
        Assert.Equal((1, 1, 1L), (tiny.Width, tiny.Height, tiny.SampleCount)); // max(1, round(0.3))
        Assert.Equal(3, tiny.PixelWidth);
    }

    [Fact]
    public void Grid_is_stretched_to_the_box_and_centres_follow_S10()
    {
        // 67 m / 10 m rounds to 7 columns of 67/7 m; row 0 is the northern row.
        var grid = SampleGrid.FromResolution(new Envelope(1000, 1067, 2000, 2160), 10, 10);
        Assert.Equal((7, 16), (grid.Width, grid.Height));
        Assert.Equal(67.0 / 7, grid.PixelWidth, 1e-12);
        Assert.Equal(10.0, grid.PixelHeight);
        Assert.Equal(1000 + 0.5 * 67.0 / 7, grid.CenterX(0), 1e-9);
        Assert.Equal(1067 - 0.5 * 67.0 / 7, grid.CenterX(6), 1e-9);
        Assert.Equal(2155, grid.CenterY(0));
        Assert.Equal(2005, grid.CenterY(15));
        Assert.Equal(7 * 15 + 6, grid.Index(6, 15));
    }

    [Fact]
    public void Explicit_size_is_used_as_given()
    {
        var grid = SampleGrid.FromSize(new Envelope(0, 631, 0, 1047), 631, 1047);
        Assert.Equal(660_657, grid.SampleCount); // S9 width/height row
        Assert.Equal(1.0, grid.PixelWidth);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        var box = new Envelope(0, 10, 0, 10);
        Assert.Equal("resx", Assert.Throws<ArgumentOutOfRangeException>(() => SampleGrid.FromResolution(box, 0, 10)).ParamName);
        Assert.Equal("resy", Assert.Throws<ArgumentOutOfRangeException>(() => SampleGrid.FromResolution(box, 10, double.NaN)).ParamName);
        Assert.Throws<ArgumentException>(() => SampleGrid.FromResolution(new Envelope(0, 0, 0, 10), 10, 10));
        Assert.Throws<ArgumentException>(() => SampleGrid.FromResolution(new Envelope(0, 1e9, 0, 1e9), 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleGrid.FromSize(box, 0, 3));
    }
}
