using BatchStats.Imagery.Collections;
using BatchStats.Imagery.Mosaic;
using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Stac;
using BatchStats.Imagery.Tiff;
using BatchStats.TestSupport;

namespace BatchStats.Imagery.Tests.Mosaic;

public sealed class NdviMosaicTests
{
    public static TheoryData<string, string> Dates() => new()
    {
        { "S2A_33TVL_20150711_0_L1C", "20150711T100008" },
        { "S2A_33TVL_20150731_0_L1C", "20150731T100009" },
        { "S2A_33TVL_20150820_0_L1C", "20150820T100728" },
        { "S2A_33TVL_20150830_0_L1C", "20150830T100547" },
        { "S2A_33TVL_20150909_0_L1C", "20150909T100017" },
    };

    /// <summary>
    /// Catalog → mosaicker (REFLECTANCE, NEAREST on the raster's own pixel centres) → float32 NDVI equals
    /// timeseries/NDVI/&lt;key&gt;.tif bit for bit (data README "Verified facts").
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Dates))]
    public async Task Ndvi_from_mosaicked_reflectance_equals_reference_bit_for_bit(string itemId, string key)
    {
        var catalog = new StaticStacCatalog(SharedData.Data("s2-slovenia/catalog.json"));
        var item = (await catalog.GetAllItemsAsync()).Single(i => i.Id == itemId);
        var t = GeoTransform.FromStacProj(item.Properties.ProjTransform!);
        var grid = new AffineSampleGrid(t.C0, t.C3, t.C1, -t.C5, 100, 101, 32633);
        using var images = new CogImageProvider(new FileAndHttpByteSourceFactory());
        var result = await new SceneMosaicker(images).MosaicAsync(new MosaicRequest(
            Sentinel2Collections.L1C, [item], [new BandRequest("B04"), new BandRequest("B08")], grid));

        var sample = Assert.Single(result.Samples);
        Assert.All(sample.DataMask, m => Assert.Equal(1, m)); // no DN is 0 in these scenes
        using var refSource = new FileByteSource(SharedData.Data($"s2-slovenia/timeseries/NDVI/{key}.tif"));
        var expected = await (await CogImage.OpenAsync(refSource)).ReadLevelAsync<float>();
        var b4 = sample.Bands["B04"];
        var b8 = sample.Bands["B08"];
        for (var i = 0; i < expected.Length; i++)
        {
            var ndvi = (b8[i] - b4[i]) / (b8[i] + b4[i]);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(ndvi));
        }

        var decision = Assert.Single(result.Harmonization);
        Assert.Equal(0, decision.DnOffset);
        Assert.Contains("baseline unknown", decision.Reason);
    }

    [SkippableFact]
    public async Task Ndvi_mean_of_2015_07_11_matches_the_readme()
    {
        // README: 2015-07-11 B04 DN 282…1519, B08 1389…4547, NDVI 0.27839…0.85059, mean 0.73212.
        using var b4s = new FileByteSource(SharedData.Data("s2-slovenia/cogs/S2A_33TVL_20150711_0_L1C/B04.tif"));
        using var b8s = new FileByteSource(SharedData.Data("s2-slovenia/cogs/S2A_33TVL_20150711_0_L1C/B08.tif"));
        var b4 = await (await CogImage.OpenAsync(b4s)).ReadLevelAsync<ushort>();
        var b8 = await (await CogImage.OpenAsync(b8s)).ReadLevelAsync<ushort>();
        Assert.Equal((282, 1519), ((int)b4.Min(), (int)b4.Max()));
        Assert.Equal((1389, 4547), ((int)b8.Min(), (int)b8.Max()));
        var ndvi = b4.Zip(b8, (r, n) => ((n / 10000f) - (r / 10000f)) / ((n / 10000f) + (r / 10000f))).ToArray();
        Assert.Equal(0.27839, ndvi.Min(), 5);
        Assert.Equal(0.85059, ndvi.Max(), 5);
        Assert.Equal(0.73212, ndvi.Average(v => (double)v), 5);
    }
}
