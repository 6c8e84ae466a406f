using BatchStats.Imagery.Collections;
using BatchStats.Imagery.Mosaic;
using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Stac;
using BatchStats.Imagery.Tiff;
using BatchStats.TestSupport;

namespace BatchStats.Imagery.Tests.Mosaic;

public sealed class MosaickingTests
{
    private static async Task<IReadOnlyList<StacItem>> ItemsAsync() =>
        await new StaticStacCatalog(SharedData.Data("s2-slovenia/catalog.json")).GetAllItemsAsync();

    private static StacItem With(StacItem item, string id, DateTimeOffset t, double cc) =>
        item with { Id = id, Datetime = t, Properties = item.Properties with { CloudCover = cc } };

    [SkippableFact]
    public async Task Order_rules_of_S15()
    {
        var i = (await ItemsAsync())[0];
        var t = new DateTimeOffset(2020, 1, 1, 10, 0, 0, TimeSpan.Zero);
        var a = With(i, "a", t, 5);
        var b = With(i, "b", t.AddDays(1), 5);
        var c = With(i, "c", t.AddDays(2), 1);
        var d = With(i, "d", t.AddDays(1), 5); // same time as b: id ascending
        Assert.Equal("c b d a", string.Join(' ', SceneSelection.Order([a, b, c, d], MosaickingOrder.MostRecent).Select(s => s.Id)));
        Assert.Equal("a b d c", string.Join(' ', SceneSelection.Order([a, b, c, d], MosaickingOrder.LeastRecent).Select(s => s.Id)));
        Assert.Equal("c b d a", string.Join(' ', SceneSelection.Order([a, b, c, d], MosaickingOrder.LeastCC).Select(s => s.Id))); // ties most recent first
    }

    [SkippableFact]
    public async Task Filter_rules_of_S14()
    {
        var items = await ItemsAsync();
        var from = new DateTimeOffset(2015, 7, 11, 10, 0, 8, TimeSpan.Zero);
        var to = new DateTimeOffset(2015, 9, 9, 10, 0, 17, TimeSpan.Zero);
        var inside = new GeoBox(14.555, 45.87, 14.556, 45.871);
        var kept = SceneSelection.Filter(items, from, to, maxCloudCoverage: 0, inside);
        Assert.Equal(["S2A_33TVL_20150711_0_L1C", "S2A_33TVL_20150830_0_L1C"], kept.Select(s => s.Id).Order().ToArray()); // 09-09 is at `to`
        Assert.Empty(SceneSelection.Filter(items, from, to, 100, new GeoBox(14.6, 45.9, 14.7, 46)));
        Assert.Equal(4, SceneSelection.Filter(items, from, to, 100, inside).Count);
    }

    /// <summary>
    /// A grid half over the raster (x beyond its east edge) and both cloudy and clear scenes: SIMPLE takes the first
    /// scene in order; ORBIT/TILE give one sample each; outside pixels have dataMask 0 and value 0.
    /// </summary>
    [SkippableFact]
    public async Task Simple_orbit_and_tile_mosaicking()
    {
        var items = (await ItemsAsync()).Where(i => i.Id is "S2A_33TVL_20150711_0_L1C" or "S2A_33TVL_20150830_0_L1C").ToList();
        var t = GeoTransform.FromStacProj(items[0].Properties.ProjTransform!);
        // 4 columns: pixel centres of raster columns 98, 99, then two points east of the raster.
        var grid = new AffineSampleGrid(t.C0 + 98 * t.C1, t.C3, t.C1, -t.C5, 4, 1, 32633);
        using var images = new CogImageProvider(new FileAndHttpByteSourceFactory());
        var mosaicker = new SceneMosaicker(images);
        var bands = new[] { new BandRequest("B04", BandUnits.DN) };

        using var src0711 = new FileByteSource(SharedData.Data("s2-slovenia/cogs/S2A_33TVL_20150711_0_L1C/B04.tif"));
        using var src0830 = new FileByteSource(SharedData.Data("s2-slovenia/cogs/S2A_33TVL_20150830_0_L1C/B04.tif"));
        var row0711 = new ushort[2];
        var row0830 = new ushort[2];
        await (await CogImage.OpenAsync(src0711)).ReadWindowAsync(new PixelWindow(98, 0, 2, 1), row0711.AsMemory());
        await (await CogImage.OpenAsync(src0830)).ReadWindowAsync(new PixelWindow(98, 0, 2, 1), row0830.AsMemory());

        var simple = await mosaicker.MosaicAsync(new MosaicRequest(Sentinel2Collections.L1C, items, bands, grid));
        var s = Assert.Single(simple.Samples);
        Assert.Equal(new float[] { row0830[0], row0830[1], 0, 0 }, s.Bands["B04"]); // mostRecent → 08-30
        Assert.Equal(new byte[] { 1, 1, 0, 0 }, s.DataMask);

        var least = await mosaicker.MosaicAsync(new MosaicRequest(Sentinel2Collections.L1C, items, bands, grid, Order: MosaickingOrder.LeastRecent));
        Assert.Equal(new float[] { row0711[0], row0711[1], 0, 0 }, least.Samples[0].Bands["B04"]);

        var orbit = await mosaicker.MosaicAsync(new MosaicRequest(Sentinel2Collections.L1C, items, bands, grid, MosaickingKind.Orbit));
        Assert.Equal(2, orbit.Samples.Count);
        Assert.Equal(new DateTimeOffset(2015, 8, 30, 10, 5, 47, TimeSpan.Zero), orbit.Samples[0].Date);
        Assert.Equal(row0711[1], orbit.Samples[1].Bands["B04"][1]);

        var tile = await mosaicker.MosaicAsync(new MosaicRequest(Sentinel2Collections.L1C, items, bands, grid, MosaickingKind.Tile, MosaickingOrder.LeastRecent));
        Assert.Equal(["S2A_33TVL_20150711_0_L1C", "S2A_33TVL_20150830_0_L1C"], tile.Samples.Select(x => x.Scenes.Single().Id).ToArray());
    }

    [SkippableFact]
    public async Task Bilinear_at_a_pixel_centre_is_the_pixel_and_between_centres_is_the_mean()
    {
        using var source = new FileByteSource(SharedData.Data("s2-slovenia/cogs/S2A_33TVL_20150711_0_L1C/B04.tif"));
        var image = await CogImage.OpenAsync(source);
        var raw = new ushort[2];
        await image.ReadWindowAsync(new PixelWindow(10, 20, 2, 1), raw.AsMemory());
        var t = image.Transform!.Value;
        var (x0, y0) = t.PixelToWorld(10.5, 20.5);
        var (xm, ym) = t.PixelToWorld(11.0, 20.5);
        var values = new float[2];
        var valid = new byte[2];
        await Resampler.SampleAsync(image, [x0, xm], [y0, ym], ResamplingKind.Bilinear, null, values, valid);
        Assert.Equal(raw[0], values[0]);
        Assert.Equal((raw[0] + raw[1]) / 2.0, values[1], 3);
        Assert.Equal(new byte[] { 1, 1 }, valid);
    }

    [Fact]
    public void Harmonisation_decision_per_item()
    {
        var props = new StacItemProperties(0, 32633, null, null, "05.09", null, null, default);
        var item = new StacItem("X", "sentinel-2-l2a", DateTimeOffset.UnixEpoch, null, null, props, new Dictionary<string, StacAsset>(), null);
        StacAsset Asset(double offset) => new("red", "x.tif", null, [], [], [new StacRasterBand(0, 0.0001, offset, "uint16")], null, null, null, null);

        Assert.Equal(1000, Harmonization.Decide(item, Asset(0)).DnOffset); // baseline ≥ 04.00, no flag
        Assert.Equal(1000, Harmonization.Decide(item, Asset(-0.1)).DnOffset); // raster:bands offset says so
        var applied = item with { Properties = props with { BoaOffsetApplied = true } };
        Assert.Equal(0, Harmonization.Decide(applied, Asset(0)).DnOffset);
        var conflict = Harmonization.Decide(applied, Asset(-0.1));
        Assert.Equal(1000, conflict.DnOffset);
        Assert.Contains("contradicts", conflict.Reason);
        var old = item with { Properties = props with { ProcessingBaseline = "02.14" } };
        Assert.Equal(0, Harmonization.Decide(old, Asset(0)).DnOffset);
    }

    [Fact]
    public void Units_conversion_of_S17_and_section_6()
    {
        var b04 = Sentinel2Collections.L2A.GetBand("B04");
        Assert.Equal(0.07970000058412552, (double)UnitConversion.Convert(797, b04, BandUnits.Reflectance, true, 0)); // S17 worked example
        Assert.Equal(0.0797f, UnitConversion.Convert(1797, b04, BandUnits.Reflectance, true, 1000));
        Assert.Equal(0f, UnitConversion.Convert(500, b04, BandUnits.Reflectance, true, 1000));   // clamped
        Assert.Equal(-0.05f, UnitConversion.Convert(500, b04, BandUnits.Reflectance, false, 1000));
        Assert.Equal(797f, UnitConversion.Convert(1797, b04, BandUnits.DN, true, 1000));
        Assert.Equal(1797f, UnitConversion.Convert(1797, b04, BandUnits.DN, false, 1000));
        Assert.Equal(0.25f, UnitConversion.Convert(250, Sentinel2Collections.L2A.GetBand("AOT"), BandUnits.OpticalDepth, true, 1000));
        Assert.Equal(9f, UnitConversion.Convert(9, Sentinel2Collections.L2A.GetBand("SCL"), BandUnits.DN, true, 1000));
        Assert.Equal(BandUnits.Reflectance, b04.DefaultUnits);
        Assert.Equal(10, b04.ResolutionMeters);
        Assert.Equal(60, Sentinel2Collections.L1C.GetBand("B10").ResolutionMeters);
        Assert.False(Sentinel2Collections.L2A.TryGetBand("B10", out _));
        Assert.Contains("not available", Assert.Throws<KeyNotFoundException>(() => Sentinel2Collections.L2A.GetBand("B10")).Message);
        Assert.Same(Sentinel2Collections.L2A, Sentinel2Collections.Get("S2L2A"));
    }
}
