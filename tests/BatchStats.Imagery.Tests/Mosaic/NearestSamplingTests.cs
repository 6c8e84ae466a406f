using BatchStats.Imagery.Mosaic;
using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Tiff;
using BatchStats.TestSupport;

namespace BatchStats.Imagery.Tests.Mosaic;

/// <summary>
/// S17 NEAREST through the cached sampling plan: every point gets the value of the pixel that contains it, points
/// off the raster are invalid, and a plan made for one raster grid is never reused for another.
/// </summary>
public sealed class NearestSamplingTests
{
    [SkippableFact]
    public async Task Random_points_get_their_containing_pixel_including_off_raster_points()
    {
        using var source = new FileByteSource(SharedData.Data("s2-slovenia/cogs/S2A_33TVL_20150711_0_L1C/B04.tif"));
        var image = await CogImage.OpenAsync(source);
        var all = await image.ReadLevelAsync<double>();
        var t = image.Transform!.Value;
        var random = new Random(17);
        const int n = 2_000;
        var (xs, ys) = (new double[n], new double[n]);
        var expectedCol = new int[n];
        var expectedRow = new int[n];
        for (var i = 0; i < n; i++)
        {
            // Some points fall 0–20 pixels outside the raster on any side.
            var col = (random.NextDouble() * (image.Width + 40)) - 20;
            var row = (random.NextDouble() * (image.Height + 40)) - 20;
            (xs[i], ys[i]) = t.PixelToWorld(col, row);
            (expectedCol[i], expectedRow[i]) = ((int)Math.Floor(col), (int)Math.Floor(row));
        }

        // Twice: the second call runs on the cached plan.
        for (var pass = 0; pass < 2; pass++)
        {
            var values = new float[n];
            var valid = new byte[n];
            await Resampler.SampleAsync(image, xs, ys, ResamplingKind.Nearest, null, values, valid);
            var offRaster = 0;
            for (var i = 0; i < n; i++)
            {
                var inside = expectedCol[i] >= 0 && expectedRow[i] >= 0 && expectedCol[i] < image.Width && expectedRow[i] < image.Height;
                if (!inside)
                {
                    offRaster++;
                    Assert.Equal(0, valid[i]);
                    Assert.Equal(0f, values[i]);
                    continue;
                }

                var v = all[(expectedRow[i] * image.Width) + expectedCol[i]];
                var hasData = image.NoData is not { } nd || v != nd;
                Assert.Equal(hasData ? 1 : 0, valid[i]);
                Assert.Equal(hasData ? (float)v : 0f, values[i]);
            }

            Assert.InRange(offRaster, 1, n - 1);
        }
    }

    [SkippableFact]
    public async Task A_plan_is_not_reused_for_a_raster_on_another_grid()
    {
        // B04 (100 m, 1098²) and SCL (200 m, 549²) of one scene: the same points map to different pixels.
        const string scene = "sentinel-cogs/sentinel-s2-l2a-cogs/29/R/KH/2020/2/S2A_29RKH_20200219_0_L2A/";
        using var b04 = new FileByteSource(SharedData.Data(scene + "B04.tif"));
        using var b05 = new FileByteSource(SharedData.Data(scene + "SCL.tif"));
        var fine = await CogImage.OpenAsync(b04);
        var coarse = await CogImage.OpenAsync(b05);
        Assert.NotEqual(fine.Transform, coarse.Transform);
        var t = fine.Transform!.Value;
        var (xs, ys) = (new double[64], new double[64]);
        for (var i = 0; i < xs.Length; i++)
        {
            (xs[i], ys[i]) = t.PixelToWorld(300.5 + (i % 8), 400.5 + (i / 8));
        }

        var coarseAll = await coarse.ReadLevelAsync<double>();
        var ct = coarse.Transform!.Value;
        await Resampler.SampleAsync(fine, xs, ys, ResamplingKind.Nearest, null, new float[64], new byte[64]); // caches a B04 plan
        var values = new float[64];
        var valid = new byte[64];
        await Resampler.SampleAsync(coarse, xs, ys, ResamplingKind.Nearest, null, values, valid);
        for (var i = 0; i < xs.Length; i++)
        {
            var (c, r) = ct.WorldToPixel(xs[i], ys[i]);
            Assert.Equal(1, valid[i]);
            Assert.Equal((float)coarseAll[((int)Math.Floor(r) * coarse.Width) + (int)Math.Floor(c)], values[i]);
        }
    }

    [SkippableFact]
    public async Task A_refilled_point_array_gets_a_fresh_plan()
    {
        using var source = new FileByteSource(SharedData.Data("s2-slovenia/cogs/S2A_33TVL_20150711_0_L1C/B04.tif"));
        var image = await CogImage.OpenAsync(source);
        var all = await image.ReadLevelAsync<double>();
        var t = image.Transform!.Value;
        var (xs, ys) = (new double[3], new double[3]);
        var values = new float[3];
        foreach (var (col, row) in new[] { (5, 6), (40, 70) })
        {
            for (var i = 0; i < 3; i++)
            {
                (xs[i], ys[i]) = t.PixelToWorld(col + i + 0.5, row + 0.5);
            }

            await Resampler.SampleAsync(image, xs, ys, ResamplingKind.Nearest, null, values, new byte[3]);
            Assert.Equal(Enumerable.Range(0, 3).Select(i => (float)all[(row * image.Width) + col + i]), values);
        }
    }
}
