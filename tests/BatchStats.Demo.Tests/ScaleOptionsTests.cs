using System.Text.Json;
using BatchStats.TestSupport;

namespace BatchStats.Demo.Tests;

public sealed class ScaleOptionsTests
{
    [Fact]
    public void Benchmark_preset_is_one_full_sentinel2_tile()
    {
        var o = DemoOptions.Benchmark();
        Assert.Equal((10_980, 10_980, 24, 10_000, 512, false, false), (o.Width, o.Height, o.DateCount, o.FieldCount, o.TileSize, o.WithOverviews, o.WriteTruthPixels));
    }

    [Fact]
    public void Streaming_path_with_512_tiles_no_overview_and_l2a_scl()
    {
        using var dir = new TempDirectory();
        var options = DemoOptions.Default with
        {
            Width = 700, Height = 530, FieldCount = 120, DateCount = 3, TileSize = 512, WithOverviews = false,
            IncludeScl = true, WriteTruthPixels = false, MaxDegreeOfParallelism = 2,
        };
        var result = DemoArchive.Generate(options, dir.Combine("l2a"));
        Assert.Equal(3, result.Dates.Count);
        Assert.All(result.Dates, d => Assert.EndsWith("_0_L2A", d.ItemId));

        var date = result.Dates[1];
        var item = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.OutputFolder, "sentinel-2-l2a", date.ItemId, date.ItemId + ".json"))).RootElement;
        Assert.Equal("S2MSI2A", item.GetProperty("properties").GetProperty("s2:product_type").GetString());
        Assert.Equal([530, 700], item.GetProperty("properties").GetProperty("proj:shape").EnumerateArray().Select(e => e.GetInt32()));
        var sclHref = item.GetProperty("assets").GetProperty("scl").GetProperty("href").GetString()!;
        var scl = new TiffTestReader(Path.GetFullPath(Path.Combine(result.OutputFolder, "sentinel-2-l2a", date.ItemId, sclHref)));
        Assert.Single(scl.Ifds);
        Assert.Equal(2 * 2, scl.Ifds[0][324].Count);
        Assert.Equal(scl.HeaderEnd, scl.Ifds[0][324].Long(0)); // tiles right after the reserved header

        var classes = scl.ReadImage(0);
        var clm = new TiffTestReader(Path.Combine(result.OutputFolder, "cogs", date.ItemId, "CLM.tif")).ReadImage(0);
        Assert.All(classes, c => Assert.Contains(c, new[] { 4.0, 5, 8, 9 }));
        for (var i = 0; i < clm.Length; i++)
        {
            Assert.Equal(clm[i] == 1, classes[i] >= 8);
        }

        var truth = JsonDocument.Parse(File.ReadAllText(result.TruthPath)).RootElement;
        Assert.False(truth.GetProperty("fields")[0].TryGetProperty("fullyInside", out _));
        Assert.Equal(120, truth.GetProperty("fields").GetArrayLength());
    }
}
