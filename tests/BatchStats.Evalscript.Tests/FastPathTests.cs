namespace BatchStats.Evalscript.Tests;

public sealed class FastPathTests
{
    private static string Script(string inputs, string outputs, string evaluatePixel) => $$"""
        //VERSION=3
        function setup() {
          return { input: [{ bands: [{{inputs}}] }], output: [{{outputs}}] };
        }
        {{evaluatePixel}}
        """;

    private const string NdviOutputs = "{ id: \"ndvi\", bands: 1 }, { id: \"dataMask\", bands: 1 }";

    public static TheoryData<string, string> FastScripts => new()
    {
        { "tutorial index()", Scripts.TutorialNdvi },
        { "explicit NDVI", Script("\"B04\", \"B08\", \"dataMask\"", NdviOutputs,
            "function evaluatePixel(samples) { return { ndvi: [(samples.B08 - samples.B04) / (samples.B08 + samples.B04)], dataMask: [samples.dataMask] }; }") },
        { "NDWI destructured parameter", Script("\"B03\", \"B08\", \"dataMask\"", NdviOutputs,
            "function evaluatePixel({ B03, B08, dataMask }) { return { ndvi: [index(B03, B08)], dataMask: [dataMask] }; }") },
        { "EVI with constants and local", Script("\"B02\", \"B04\", \"B08\", \"dataMask\"", NdviOutputs, """
            function evaluatePixel(samples) {
              const { B02, B04, B08 } = samples;
              let evi = 2.5 * (B08 - B04) / (B08 + 6 * B04 - 7.5 * B02 + 1);
              return { ndvi: [evi], dataMask: [samples.dataMask] };
            }
            """) },
        { "passthrough, unary minus, mask products, UINT8", Script("\"B04\", \"B08\", \"dataMask\"",
            "{ id: \"bands\", bands: [\"red\", \"negnir\"] }, { id: \"scaled\", bands: 1, sampleType: \"UINT8\" }, { id: \"dataMask\", bands: 1 }",
            "function evaluatePixel(s) { return { bands: [s.B04, -s.B08], scaled: [s.B04 * 255], dataMask: [s.dataMask * s.dataMask] }; }") },
        { "demo cloud mask: const + ternary on CLM", Script("\"B04\", \"B08\", \"CLM\", \"dataMask\"",
            "{ id: \"ndvi\", bands: 1, sampleType: \"FLOAT32\" }, { id: \"dataMask\", bands: 1 }", """
            function evaluatePixel(samples) {
              const clear = samples.CLM === 1 ? 0 : 1;
              return { ndvi: [index(samples.B08, samples.B04)], dataMask: [samples.dataMask * clear] };
            }
            """) },
        { "comparisons, && || !, truthiness, nesting", Script("\"B04\", \"B08\", \"dataMask\"", NdviOutputs, """
            function evaluatePixel(s) {
              const v = s.B04 > s.B08 ? s.B04 - s.B08 : (s.B04 <= 0.5 && !(s.B08 >= 0.9) || s.B08 != s.B04 ? 2 : 3);
              const w = s.B04 === s.B08 ? 1 : (s.B04 < 0.3 ? -1 : (s.B04 - 0.5 ? 4 : -0));
              return { ndvi: [v + w], dataMask: [s.dataMask * (s.B08 !== 0 ? 1 : 0) * (s.B04 == s.B04 ? 1 : 0)] };
            }
            """) },
    };

    [Theory]
    [MemberData(nameof(FastScripts))]
    public void RecognisedScripts_AreBitIdenticalToJint(string name, string source)
    {
        using var script = Evalscript.Compile(source);
        Assert.True(script.IsFastPath, $"{name}: {script.FastPathRejection}");

        AssertBitIdenticalToJint(script, RandomSamples(script.Setup, 60_000, seed: name.Length), name);
    }

    /// <summary>Runs both paths on <paramref name="samples"/> and compares every output value bit for bit, and the masks.</summary>
    internal static void AssertBitIdenticalToJint(CompiledEvalscript script, SampleSet samples, string name)
    {
        var fast = script.CreateEvaluator().Evaluate(samples);
        var jint = script.CreateInterpretedEvaluator().Evaluate(samples);
        Assert.True(fast.UsedFastPath);
        Assert.False(jint.UsedFastPath);

        for (var o = 0; o < fast.Outputs.Count; o++)
        {
            Assert.Equal(jint.Outputs[o].Valid, fast.Outputs[o].Valid);
            for (var b = 0; b < fast.Outputs[o].Bands.Length; b++)
            {
                var f = fast.Outputs[o].Bands[b];
                var j = jint.Outputs[o].Bands[b];
                for (var p = 0; p < samples.PixelCount; p++)
                {
                    // Bitwise equality; NaN payloads are not compared (both must be NaN).
                    if (!(float.IsNaN(f[p]) && float.IsNaN(j[p])) && BitConverter.SingleToInt32Bits(f[p]) != BitConverter.SingleToInt32Bits(j[p]))
                    {
                        Assert.Fail($"{name}: output {fast.Outputs[o].Id} band {b} pixel {p}: fast {f[p]:R} vs Jint {j[p]:R} (inputs {string.Join(", ", samples.Bands.Select(x => x[p].ToString("R")))})");
                    }
                }
            }
        }
    }

    /// <summary>
    /// Random reflectances in the typical Sentinel-2 range (DN 0–12000 → (float)(DN/10000)), SCL/CLM classes, plus the special
    /// cases: both bands 0, equal bands, one band 0, negative zero, tiny and huge values, NaN and ±∞.
    /// </summary>
    internal static SampleSet RandomSamples(EvalscriptSetup setup, int n, int seed)
    {
        var random = new Random(seed);
        var bands = setup.SampleBands.Select(_ => new float[n]).ToArray();
        var mask = new byte[n];
        float[] specials = [0f, -0f, 1e-30f, 3.4e38f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1f, 0.0001f];
        for (var p = 0; p < n; p++)
        {
            mask[p] = (byte)(random.Next(10) == 0 ? 0 : 1);
            for (var b = 0; b < bands.Length; b++)
            {
                bands[b][p] = mask[p] == 0 ? 0f : setup.SampleBands[b].Name switch
                {
                    // Classification bands hold small integers (SCL classes 0–11, CLM 0/1/255).
                    "SCL" => random.Next(0, 12),
                    "CLM" => random.Next(3) switch { 0 => 0, 1 => 1, _ => 255 },
                    _ => (float)(random.Next(0, 12001) / 10000.0),
                };
            }

            switch (p % 97)
            {
                case 0:
                    foreach (var band in bands)
                    {
                        band[p] = 0f;
                    }

                    break;
                case 1 when bands.Length > 1:
                    bands[1][p] = bands[0][p];
                    break;
                case 2:
                    bands[random.Next(bands.Length)][p] = specials[random.Next(specials.Length)];
                    break;
                case 3:
                    bands[0][p] = random.Next(0, 65536); // DN units
                    break;
            }
        }

        return new SampleSet(n, bands, mask);
    }

    [Theory]
    [InlineData("function index(a, b) { return a; }\nfunction evaluatePixel(s) { return { ndvi: [index(s.B08, s.B04)], dataMask: [s.dataMask] }; }", "declares function index")]
    [InlineData("function evaluatePixel(s) { return { ndvi: [s.B04, s.B08], dataMask: [s.dataMask] }; }", "not an array of its band count")]
    [InlineData("function evaluatePixel(s) { return { ndvi: [s.B05], dataMask: [s.dataMask] }; }", "samples.B05 is not a requested band")]
    [InlineData("function evaluatePixel(s) { return { ndvi: [s.B04] }; }", "missing")]
    [InlineData("function evaluatePixel(s) { return { ndvi: [s.B04 % 2], dataMask: [1] }; }", "unsupported expression")]
    [InlineData("var k = [2];\nfunction evaluatePixel(s) { return { ndvi: [s.B04 * k], dataMask: [s.dataMask] }; }", "array k used as a value")]
    [InlineData("var k = 2;\nk = 3;\nfunction evaluatePixel(s) { return { ndvi: [s.B04 * k], dataMask: [s.dataMask] }; }", "top-level ExpressionStatement")]
    public void OtherScripts_FallBackToJint(string evaluatePixel, string reason)
    {
        using var script = Evalscript.Compile(Script("\"B04\", \"B08\", \"dataMask\"", NdviOutputs, evaluatePixel));
        Assert.False(script.IsFastPath);
        Assert.Contains(reason, script.FastPathRejection);
        Assert.False(script.CreateEvaluator().IsFastPath);
    }

    [Fact]
    public void WrongBandCount_StillFailsThroughJint()
    {
        using var script = Evalscript.Compile(Script("\"B04\", \"B08\", \"dataMask\"", NdviOutputs,
            "function evaluatePixel(s) { return { ndvi: [s.B04, s.B08], dataMask: [s.dataMask] }; }"));
        var ex = Assert.Throws<EvalscriptExecutionException>(() => script.CreateEvaluator().Evaluate(
            Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = [0f], ["B08"] = [0f] }, [1])));
        Assert.Contains("output 'ndvi' has 1 band(s) but evaluatePixel returned 2 value(s)", ex.Message);
    }

    [Fact]
    public void FastPath_HandlesLengthsThatAreNotAMultipleOfTheVectorWidth()
    {
        using var script = Evalscript.Compile(Scripts.TutorialNdvi);
        foreach (var n in new[] { 0, 1, 3, 7, 511, 512, 513, 1029 })
        {
            var samples = RandomSamples(script.Setup, n, seed: n);
            var fast = script.CreateEvaluator().Evaluate(samples);
            var jint = script.CreateInterpretedEvaluator().Evaluate(samples);
            Assert.Equal(jint["ndvi"].Bands[0], fast["ndvi"].Bands[0]);
            Assert.Equal(jint["ndvi"].Valid, fast["ndvi"].Valid);
        }
    }
}
