namespace BatchStats.Evalscript.Tests;

public sealed class ReferenceScriptTests
{
    private static EvalscriptEvaluator Evaluator(CompiledEvalscript script, bool fast) =>
        fast ? script.CreateEvaluator() : script.CreateInterpretedEvaluator();

    // JavaScript arithmetic: float32 inputs widened to double, result rounded to float32 (S19 FLOAT32).
    private static float Ndvi(float nir, float red)
    {
        double x = nir, y = red;
        return x + y == 0 ? 0f : (float)((x - y) / (x + y));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TutorialNdvi_ComputesIndexAndPassesDataMask(bool fast)
    {
        using var script = Evalscript.Compile(Scripts.TutorialNdvi);
        Assert.True(script.IsFastPath, script.FastPathRejection);
        var setup = script.Setup;
        Assert.Equal(["B04", "B08"], setup.SampleBands.Select(b => b.Name));
        Assert.True(setup.RequestsDataMask);
        Assert.Equal("ndvi", Assert.Single(setup.Outputs).Id);
        Assert.Equal(["B0"], setup.Outputs[0].BandNames);
        Assert.Equal(EvalscriptSampleType.Float32, setup.Outputs[0].SampleType); // S19 default

        var b04 = new[] { 0.05f, 0.1f, 0f, 0.2f };
        var b08 = new[] { 0.35f, 0.1f, 0f, 0.6f };
        var result = Evaluator(script, fast).Evaluate(Samples.Of(setup, new Dictionary<string, float[]> { ["B04"] = b04, ["B08"] = b08 }, [1, 1, 0, 1]));

        Assert.Equal(fast, result.UsedFastPath);
        var ndvi = result["ndvi"];
        Assert.Equal(Ndvi(0.35f, 0.05f), ndvi.Bands[0][0]);
        Assert.Equal(0.75f, ndvi.Bands[0][0], 1e-6f);
        Assert.Equal(0f, ndvi.Bands[0][1]);           // equal bands
        Assert.Equal(0f, ndvi.Bands[0][2]);           // index() returns 0 when x + y == 0
        Assert.Equal(0.5f, ndvi.Bands[0][3], 1e-6f);
        Assert.Equal(new byte[] { 1, 1, 0, 1 }, ndvi.Valid);
        Assert.True(ndvi.IsMasked);
    }

    [Fact]
    public void SclMaskedNdvi_ExcludesCloudAndNoDataPixels()
    {
        using var script = Evalscript.Compile(Scripts.SclMaskedNdvi);
        Assert.True(script.IsFastPath, script.FastPathRejection); // top-level constant array + indexOf compile
        var result = script.CreateEvaluator().Evaluate(Samples.Of(script.Setup, new Dictionary<string, float[]>
        {
            ["B04"] = [0.1f, 0.1f, 0f, 0.3f],
            ["B08"] = [0.3f, 0.5f, 0f, 0.1f],
            ["SCL"] = [4, 8, 0, 6],
        }, [1, 1, 0, 1]));

        var ndvi = result["ndvi"];
        Assert.Equal(Ndvi(0.3f, 0.1f), ndvi.Bands[0][0]);
        Assert.Equal(Ndvi(0.5f, 0.1f), ndvi.Bands[0][1]); // computed even though masked
        Assert.Equal(Ndvi(0.1f, 0.3f), ndvi.Bands[0][3]);
        Assert.Equal(-0.5f, ndvi.Bands[0][3], 1e-6f);
        // SCL 8 (cloud) and SCL 0 / dataMask 0 are excluded; water (6) is not in this script's list.
        Assert.Equal(new byte[] { 1, 0, 0, 1 }, ndvi.Valid);
    }

    [Fact]
    public void MultiOutput_AppliesPerOutputMasksAndUint8()
    {
        using var script = Evalscript.Compile(Scripts.MultiOutput);
        var setup = script.Setup;
        Assert.Equal(["reflectance", "indices", "scl"], setup.Outputs.Select(o => o.Id));
        Assert.Equal([0, 1, 2], setup.MaskBandOfOutput);
        Assert.Equal(["red", "nir"], setup.Outputs[0].BandNames);
        Assert.Equal(EvalscriptSampleType.Uint8, setup.Outputs[2].SampleType);

        var result = script.CreateEvaluator().Evaluate(Samples.Of(setup, new Dictionary<string, float[]>
        {
            ["B04"] = [0.1f, 0.02f, 0.5f, 0f],
            ["B08"] = [0.4f, 0.01f, 0.6f, 0f],
            ["B11"] = [0.2f, 0.005f, 0.4f, 0f],
            ["SCL"] = [4, 6, 9, 0],
        }, [1, 1, 1, 0]));

        var reflectance = result["reflectance"];
        Assert.Equal(["red", "nir"], reflectance.BandNames);
        Assert.Equal(new[] { 0.1f, 0.02f, 0.5f, 0f }, reflectance.Bands[0]);
        Assert.Equal(new[] { 0.4f, 0.01f, 0.6f, 0f }, reflectance.Bands[1]);
        Assert.Equal(new byte[] { 1, 1, 1, 0 }, reflectance.Valid);

        var indices = result["indices"];
        Assert.Equal(Ndvi(0.4f, 0.1f), indices.Bands[0][0]);
        Assert.Equal(Ndvi(0.4f, 0.2f), indices.Bands[1][0]);
        Assert.Equal(new byte[] { 1, 0, 0, 0 }, indices.Valid); // water, cloud, no data excluded

        var scl = result["scl"];
        Assert.Equal(new[] { 4f, 6f, 9f, 0f }, scl.Bands[0]);
        Assert.Equal(new byte[] { 1, 1, 1, 0 }, scl.Valid);
    }

    [Fact]
    public void MultiOutput_UnnamedOutputIsUnmasked_S21()
    {
        var source = Scripts.MultiOutput
            .Replace("{ id: \"dataMask\", bands: [\"reflectance\", \"indices\", \"scl\"] }", "{ id: \"dataMask\", bands: [\"reflectance\", \"indices\"] }")
            .Replace("dataMask: [s.dataMask, clearLand, s.dataMask]", "dataMask: [s.dataMask, clearLand]");
        using var script = Evalscript.Compile(source);
        Assert.Equal([0, 1, -1], script.Setup.MaskBandOfOutput);

        var result = script.CreateEvaluator().Evaluate(Samples.Of(script.Setup, new Dictionary<string, float[]>
        {
            ["B04"] = [0.1f, 0f],
            ["B08"] = [0.4f, 0f],
            ["B11"] = [0.2f, 0f],
            ["SCL"] = [4, 0],
        }, [1, 0]));

        Assert.False(result["scl"].IsMasked);
        Assert.Equal(new byte[] { 1, 1 }, result["scl"].Valid); // outside-polygon pixel counted with SCL 0
        Assert.Equal(new byte[] { 1, 0 }, result["reflectance"].Valid);
    }

    [Theory]
    [InlineData("bands: 1", "[samples.dataMask]", new byte[] { 1, 0, 1 })]
    [InlineData("bands: [\"v\"]", "[samples.dataMask]", new byte[] { 1, 0, 1 })]      // 1-element array masks everything
    [InlineData("bands: 2", "[samples.dataMask, 0]", new byte[] { 1, 0, 1 })]         // unnamed n > 1: band 0 applies
    [InlineData("bands: 1", "[samples.B04 > 0.15 ? NaN : 1]", new byte[] { 1, 0, 1 })] // NaN excludes
    [InlineData("bands: 1", "[samples.B04 * 10]", new byte[] { 1, 1, 1 })]             // any non-zero value is valid
    public void DataMaskVariants_S20_S21(string maskBands, string maskValue, byte[] expected)
    {
        var source = $$"""
            //VERSION=3
            function setup() {
              return { input: ["B04", "dataMask"], output: [{ id: "v", bands: 1 }, { id: "w", bands: 1 }, { id: "dataMask", {{maskBands}} }] };
            }
            function evaluatePixel(samples) {
              return { v: [samples.B04], w: [1], dataMask: {{maskValue}} };
            }
            """;
        using var script = Evalscript.Compile(source);
        var result = script.CreateEvaluator().Evaluate(Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = [0.1f, 0.2f, 0.1f] }, [1, 0, 1]));
        Assert.Equal(expected, result["v"].Valid);
        Assert.Equal(expected, result["w"].Valid);
    }

    private static ScenesDescription TwoOrbits() => new(
        new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2020, 7, 1, 0, 0, 0, TimeSpan.Zero),
        orbits:
        [
            new SceneOrbit(new DateTimeOffset(2020, 6, 21, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 6, 22, 0, 0, 0, TimeSpan.Zero),
                [new SceneTile(new DateTimeOffset(2020, 6, 21, 10, 0, 31, TimeSpan.Zero), 2.09, "s3://bucket/tiles/33/T/VM/2020/6/21/0", 42)]),
            new SceneOrbit(new DateTimeOffset(2020, 6, 11, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 6, 12, 0, 0, 0, TimeSpan.Zero),
                [new SceneTile(new DateTimeOffset(2020, 6, 11, 10, 0, 29, TimeSpan.Zero), 50.5, "s3://bucket/tiles/33/T/VM/2020/6/11/0", 43)]),
        ]);

    [Fact]
    public void OrbitMonthlyMax_ReducesOverSamples()
    {
        using var script = Evalscript.Compile(Scripts.OrbitMonthlyMax);
        Assert.Equal(MosaickingMode.Orbit, script.Setup.Mosaicking);
        Assert.False(script.IsFastPath);
        var setup = script.Setup;
        var orbit0 = Samples.Of(setup, new Dictionary<string, float[]> { ["B04"] = [0.1f, 0.1f, 0f, 0f], ["B08"] = [0.5f, 0.3f, 0f, 0f], ["SCL"] = [4, 6, 0, 0] }, [1, 1, 0, 0]);
        var orbit1 = Samples.Of(setup, new Dictionary<string, float[]> { ["B04"] = [0.2f, 0.1f, 0.1f, 0f], ["B08"] = [0.4f, 0.5f, 0.3f, 0f], ["SCL"] = [4, 4, 4, 0] }, [1, 1, 1, 0]);

        var result = script.CreateEvaluator().Evaluate([orbit0, orbit1], TwoOrbits(), 4);

        var data = result["data"];
        Assert.Equal(["monthly_max_ndvi"], data.BandNames);
        Assert.Equal(Ndvi(0.5f, 0.1f), data.Bands[0][0]); // max(0.667, 0.333)
        Assert.Equal(Ndvi(0.5f, 0.1f), data.Bands[0][1]); // orbit 0 is water → only orbit 1
        Assert.Equal(Ndvi(0.3f, 0.1f), data.Bands[0][2]); // orbit 0 has no data
        Assert.Equal(0f, data.Bands[0][3]);
        Assert.Equal(new byte[] { 1, 1, 1, 0 }, data.Valid);
    }

    [Fact]
    public void Orbit_ScenesAndSamplesLengthAreVisible()
    {
        const string source = """
            //VERSION=3
            function setup() {
              return { input: ["B04", "dataMask"], mosaicking: Mosaicking.ORBIT, output: [{ id: "v", bands: 4 }, { id: "dataMask", bands: 1 }] };
            }
            function evaluatePixel(samples, scenes) {
              return {
                v: [samples.length, scenes.orbits.length, scenes.orbits[0].dateFrom === "2020-06-21T00:00:00Z" && scenes.orbits[0].dateTo === "2020-06-22T00:00:00Z" ? 1 : 0,
                    scenes.orbits[1].tiles[0].cloudCoverage],
                dataMask: [1]
              };
            }
            """;
        using var script = Evalscript.Compile(source);
        var s = Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = [0f] }, [0]);
        var result = script.CreateEvaluator().Evaluate([s, s], TwoOrbits(), 1);
        Assert.Equal(new[] { 2f, 2f, 1f, 50.5f }, result["v"].Bands.Select(b => b[0]));
    }

    [Fact]
    public void Orbit_PreProcessScenesFiltersAndUpdateOutputResizes()
    {
        const string source = """
            //VERSION=3
            function setup() {
              return { input: ["B04", "dataMask"], mosaicking: "ORBIT", output: [{ id: "v", bands: 1 }, { id: "dataMask", bands: 1 }] };
            }
            function preProcessScenes(collections) {
              var from = collections.from.toISOString();
              collections.scenes.orbits = collections.scenes.orbits.filter(function (o) { return o.dateFrom >= "2020-06-15" && from === "2020-06-01T00:00:00.000Z"; });
              return collections;
            }
            function updateOutput(output, collection) {
              output.v.bands = collection.scenes.length + 1;
            }
            function evaluatePixel(samples) {
              var r = [samples.length];
              for (var i = 0; i < samples.length; i++) r.push(samples[i].B04);
              return { v: r, dataMask: [1] };
            }
            """;
        using var script = Evalscript.Compile(source);
        var evaluator = script.CreateEvaluator();
        var kept = evaluator.PreProcessScenes(TwoOrbits());
        var orbit = Assert.Single(kept.Orbits);
        Assert.Equal(21, orbit.DateFrom.Day);

        var s = Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = [0.25f, 0.5f] }, [1, 1]);
        var result = evaluator.Evaluate([s], kept, 2);
        var v = result["v"];
        Assert.Equal(["B0", "B1"], v.BandNames);
        Assert.Equal(new[] { 1f, 1f }, v.Bands[0]);
        Assert.Equal(new[] { 0.25f, 0.5f }, v.Bands[1]);
    }
}
