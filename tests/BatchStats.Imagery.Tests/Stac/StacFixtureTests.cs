using BatchStats.Imagery.Collections;
using BatchStats.Imagery.Stac;
using BatchStats.TestSupport;

namespace BatchStats.Imagery.Tests.Stac;

public sealed class StacFixtureTests
{
    private const string V1 = "sentinel-cogs/sentinel-s2-l2a-cogs/29/R/KH/2020/2/S2A_29RKH_20200219_0_L2A/S2A_29RKH_20200219_0_L2A.json";
    private const string V0 = "sentinel-cogs/sentinel-s2-l2a-cogs/31/N/BJ/2019/5/S2A_31NBJ_20190524_0_L2A/S2A_31NBJ_20190524_0_L2A.json";

    [SkippableFact]
    public async Task Static_catalog_yields_the_five_slovenia_items_with_resolved_hrefs()
    {
        var catalog = new StaticStacCatalog(SharedData.Data("s2-slovenia/catalog.json"));
        var items = await catalog.GetAllItemsAsync();
        Assert.Equal(
            ["S2A_33TVL_20150711_0_L1C", "S2A_33TVL_20150731_0_L1C", "S2A_33TVL_20150820_0_L1C", "S2A_33TVL_20150830_0_L1C", "S2A_33TVL_20150909_0_L1C"],
            items.Select(i => i.Id).Order().ToArray());
        var first = items.Single(i => i.Id == "S2A_33TVL_20150711_0_L1C");
        Assert.Equal("sentinel-2-l1c", first.Collection);
        Assert.Equal(new DateTimeOffset(2015, 7, 11, 10, 0, 8, TimeSpan.Zero), first.Datetime);
        Assert.Equal(0.0, first.Properties.CloudCover);
        Assert.Equal(32633, first.Properties.ProjEpsg);
        Assert.Equal([101, 100], first.Properties.ProjShape!);
        Assert.Equal([9.99479222007154, 0, 465181.0522318204, 0, -9.997448467363668, 5080254.63349641], first.Properties.ProjTransform!);
        Assert.Equal(new GeoBox(14.551339816634503, 45.86588942373391, 14.56428925996682, 45.87502721951411), first.Bbox);
        var red = first.Assets["red"];
        Assert.Equal(SharedData.Data("s2-slovenia/cogs/S2A_33TVL_20150711_0_L1C/B04.tif"), red.Href);
        Assert.True(File.Exists(red.Href));
        Assert.Equal("B04", red.EoBands.Single().Name);
        Assert.Equal(new StacRasterBand(0, 0.0001, 0, "uint16"), red.RasterBands.Single());
        Assert.Equal(new StacRasterBand(255, null, null, "uint8"), first.Assets["clm"].RasterBands.Single());
        Assert.All(items.SelectMany(i => i.Assets.Values), a => Assert.True(File.Exists(a.Href), a.Href));
    }

    [SkippableFact]
    public async Task Static_catalog_search_applies_interval_cloud_cover_and_bbox()
    {
        var catalog = new StaticStacCatalog(SharedData.Data("s2-slovenia/catalog.json"));
        var bbox = new GeoBox(14.55, 45.86, 14.56, 45.87);
        var from = new DateTimeOffset(2015, 7, 11, 10, 0, 8, TimeSpan.Zero);
        var to = new DateTimeOffset(2015, 8, 30, 10, 5, 47, TimeSpan.Zero); // 08-30 scene is exactly at `to`: excluded (S6)
        var all = await catalog.SearchAsync("sentinel-2-l1c", bbox, from, to);
        Assert.Equal(["S2A_33TVL_20150711_0_L1C", "S2A_33TVL_20150731_0_L1C", "S2A_33TVL_20150820_0_L1C"], all.Select(i => i.Id).ToArray());
        var clear = await catalog.SearchAsync("sentinel-2-l1c", bbox, from, to, maxCloudCover: 50);
        Assert.Equal(["S2A_33TVL_20150711_0_L1C"], clear.Select(i => i.Id).ToArray());
        Assert.Empty(await catalog.SearchAsync("sentinel-2-l1c", new GeoBox(15, 46, 16, 47), from, to));
        Assert.Empty(await catalog.SearchAsync("sentinel-2-l2a", bbox, from, to));
    }

    [SkippableFact]
    public void Earth_search_v1_item_parses()
    {
        var path = SharedData.Data(V1);
        var item = StacJson.ParseItem(File.ReadAllText(path), path);
        Assert.Equal("S2A_29RKH_20200219_0_L2A", item.Id);
        Assert.Equal(new DateTimeOffset(2020, 2, 19, 11, 34, 25, 405, TimeSpan.Zero), item.Datetime);
        Assert.Equal(4.051854, item.Properties.CloudCover);
        Assert.Equal(32629, item.Properties.ProjEpsg);
        Assert.Equal("02.14", item.Properties.ProcessingBaseline);
        Assert.False(item.Properties.BoaOffsetApplied);
        var red = item.Assets["red"];
        Assert.Equal("https://sentinel-cogs.s3.us-west-2.amazonaws.com/sentinel-s2-l2a-cogs/29/R/KH/2020/2/S2A_29RKH_20200219_0_L2A/B04.tif", red.Href);
        Assert.Equal([10.0, 0, 199980, 0, -10, 2800020], red.ProjTransform!);
        Assert.Equal([10980, 10980], red.ProjShape!);
        Assert.Equal(new StacRasterBand(0, 0.0001, 0, "uint16"), red.RasterBands.Single());
        Assert.Equal("red", red.EoBands.Single().Name);

        // Band → asset across conventions: v1 keys by common name; jp2 twins and 'visual' are never chosen.
        Assert.Equal("red", AssetResolver.Get(item, Sentinel2Collections.L2A.GetBand("B04")).Key);
        Assert.Equal("nir08", AssetResolver.Get(item, Sentinel2Collections.L2A.GetBand("B8A")).Key);
        Assert.Equal("rededge2", AssetResolver.Get(item, Sentinel2Collections.L2A.GetBand("B06")).Key);
        Assert.Equal("scl", AssetResolver.Get(item, Sentinel2Collections.L2A.GetBand("SCL")).Key);
        Assert.Equal("aot", AssetResolver.Get(item, Sentinel2Collections.L2A.GetBand("AOT")).Key);
        var error = Assert.Throws<KeyNotFoundException>(() => AssetResolver.Get(item, Sentinel2Collections.L1C.GetBand("B10")));
        Assert.Contains("B10", error.Message);
    }

    [SkippableFact]
    public void Earth_search_v0_item_parses()
    {
        var path = SharedData.Data(V0);
        var item = StacJson.ParseItem(File.ReadAllText(path), path);
        Assert.Equal("sentinel-s2-l2a-cogs", item.Collection);
        Assert.Equal(new DateTimeOffset(2019, 5, 24, 10, 28, 59, TimeSpan.Zero), item.Datetime);
        Assert.Equal(0, item.Properties.CloudCover);
        Assert.Equal(32631, item.Properties.ProjEpsg);
        Assert.Equal("02.12", item.Properties.ProcessingBaseline); // from sentinel:product_id …_N0212_…
        var b04 = AssetResolver.Get(item, Sentinel2Collections.L2A.GetBand("B04"));
        Assert.Equal("B04", b04.Key);
        Assert.Equal(9, b04.ProjTransform!.Count);
        Assert.Equal(new BatchStats.Imagery.Tiff.GeoTransform(199980, 10, 0, 900000, 0, -10), BatchStats.Imagery.Tiff.GeoTransform.FromStacProj(b04.ProjTransform));
        Assert.Equal("SCL", AssetResolver.Get(item, Sentinel2Collections.L2A.GetBand("SCL")).Key);
    }

    [SkippableFact]
    public async Task Slovenia_assets_map_band_ids_through_eo_bands_names()
    {
        var items = await new StaticStacCatalog(SharedData.Data("s2-slovenia/catalog.json")).GetAllItemsAsync();
        var item = items[0];
        foreach (var band in Sentinel2Collections.L1C.Bands.Where(b => b.IsOptical))
        {
            var asset = AssetResolver.Get(item, band);
            Assert.Equal(band.Name, asset.EoBands.Single().Name);
            Assert.EndsWith($"/{band.Name}.tif", asset.Href);
        }

        Assert.EndsWith("/CLM.tif", AssetResolver.Get(item, Sentinel2Collections.L1C.GetBand("CLM")).Href);
    }
}
