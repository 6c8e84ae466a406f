using BatchStats.Evalscript;
using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Tiff;
using BatchStats.TestSupport;
using EvalSampleSet = BatchStats.Evalscript.SampleSet;

namespace BatchStats.Engine.Tests.Features;

/// <summary>
/// Issue 5 item 3: scripts on the compiled fast path give bit-identical float32 outputs (and validity) to the Jint
/// path on real Sentinel-2 scenes from ../shared/data — every pixel of every s2-slovenia scene (L1C) and of the
/// real 29RKH L2A scene with its 20 m SCL upsampled by NEAREST.
/// </summary>
public sealed class FastPathRealSceneTests
{
    private const string TutorialNdvi = """
        //VERSION=3
        function setup() {
          return { input: [{ bands: ["B04", "B08", "dataMask"] }], output: [{ id: "ndvi", bands: 1 }, { id: "dataMask", bands: 1 }] };
        }
        function evaluatePixel(samples) {
          return { ndvi: [index(samples.B08, samples.B04)], dataMask: [samples.dataMask] };
        }
        """;

    private const string CloudMaskedMultiOutput = """
        //VERSION=3
        // §10.3's shape on L1C bands: CLM (cloud mask) in place of SCL.
        function setup() {
          return {
            input: [{ bands: ["B04", "B08", "B11", "CLM", "dataMask"] }],
            output: [
              { id: "reflectance", bands: ["red", "nir"], sampleType: "FLOAT32" },
              { id: "indices", bands: ["ndvi", "ndmi"], sampleType: "FLOAT32" },
              { id: "scaled", bands: 1, sampleType: "UINT16" },
              { id: "dataMask", bands: ["reflectance", "indices", "scaled"] }
            ]
          };
        }
        function evaluatePixel(s) {
          const clear = s.dataMask === 1 && s.CLM !== 1 ? 1 : 0;
          let bright = Math.max(s.B04, s.B08);
          if (bright > 0.3) {
            return { reflectance: [s.B04, s.B08], indices: [index(s.B08, s.B04), index(s.B08, s.B11)], scaled: [Math.round(bright * 10000)], dataMask: [s.dataMask, 0, s.dataMask] };
          }
          return { reflectance: [s.B04, s.B08], indices: [index(s.B08, s.B04), index(s.B08, s.B11)], scaled: [Math.round(bright * 10000)], dataMask: [s.dataMask, clear, s.dataMask] };
        }
        """;

    private const string SpecSclNdvi = """
        //VERSION=3
        function setup() {
          return {
            input: [{ bands: ["B04", "B08", "SCL", "dataMask"] }],
            output: [{ id: "ndvi", bands: 1, sampleType: "FLOAT32" }, { id: "dataMask", bands: 1 }]
          };
        }
        const EXCLUDED_SCL = [0, 1, 3, 8, 9, 10, 11];
        function evaluatePixel(samples) {
          const clear = EXCLUDED_SCL.indexOf(samples.SCL) === -1 ? 1 : 0;
          return { ndvi: [index(samples.B08, samples.B04)], dataMask: [samples.dataMask * clear] };
        }
        """;

    public static TheoryData<string> Scripts => new() { nameof(TutorialNdvi), nameof(CloudMaskedMultiOutput) };

    [SkippableTheory]
    [MemberData(nameof(Scripts))]
    public async Task Every_s2_slovenia_scene_evaluates_bit_identically(string name)
    {
        var script = Evalscript.Evalscript.Compile(name == nameof(TutorialNdvi) ? TutorialNdvi : CloudMaskedMultiOutput);
        Assert.True(script.IsFastPath, script.FastPathRejection);
        var scenes = Directory.GetDirectories(SharedData.Data("s2-slovenia/cogs"));
        Assert.Equal(5, scenes.Length);
        foreach (var scene in scenes)
        {
            var samples = await ReadAsync(script, band => Path.Combine(scene, band + ".tif"), sclScale: 1);
            AssertIdentical(script, samples, Path.GetFileName(scene));
        }
    }

    [SkippableFact]
    public async Task The_spec_scl_script_on_the_real_l2a_scene_evaluates_bit_identically()
    {
        var folder = SharedData.Data("sentinel-cogs/sentinel-s2-l2a-cogs/29/R/KH/2020/2/S2A_29RKH_20200219_0_L2A");
        var script = Evalscript.Evalscript.Compile(SpecSclNdvi);
        Assert.True(script.IsFastPath, script.FastPathRejection);
        var samples = await ReadAsync(script, band => Path.Combine(folder, band + ".tif"), sclScale: 2);
        AssertIdentical(script, samples, "S2A_29RKH_20200219_0_L2A");
    }

    private static void AssertIdentical(CompiledEvalscript script, EvalSampleSet samples, string scene)
    {
        var fast = script.CreateEvaluator().Evaluate(samples);
        var jint = script.CreateInterpretedEvaluator().Evaluate(samples);
        Assert.True(fast.UsedFastPath);
        Assert.False(jint.UsedFastPath);
        Assert.Equal(jint.Outputs.Select(o => o.Id), fast.Outputs.Select(o => o.Id));
        var validPixels = 0;
        for (var o = 0; o < jint.Outputs.Count; o++)
        {
            var (a, b) = (jint.Outputs[o], fast.Outputs[o]);
            Assert.True(a.Valid.AsSpan(0, samples.PixelCount).SequenceEqual(b.Valid.AsSpan(0, samples.PixelCount)), $"{scene} {a.Id}: validity differs");
            validPixels += a.Valid.Take(samples.PixelCount).Count(v => v != 0);
            for (var band = 0; band < a.Bands.Length; band++)
            {
                for (var i = 0; i < samples.PixelCount; i++)
                {
                    if (BitConverter.SingleToInt32Bits(a.Bands[band][i]) != BitConverter.SingleToInt32Bits(b.Bands[band][i]))
                    {
                        Assert.Fail($"{scene} {a.Id}[{a.BandNames[band]}] pixel {i}: Jint {a.Bands[band][i]:R} vs fast path {b.Bands[band][i]:R}");
                    }
                }
            }
        }

        Assert.True(validPixels > samples.PixelCount / 4, $"{scene}: only {validPixels} valid values; the comparison would prove little");
    }

    // Reflectance = DN / 10000 as float (S17, no offset in these baselines); class/mask bands as DN; dataMask = all
    // bands have data (DN ≠ nodata). SCL-like bands at half resolution are upsampled by NEAREST (index / 2).
    private static async Task<EvalSampleSet> ReadAsync(CompiledEvalscript script, Func<string, string> path, int sclScale)
    {
        var names = script.Setup.SampleBands.Select(b => b.Name).ToArray();
        var images = new Dictionary<string, (double[] Values, int Width, double? NoData)>();
        foreach (var name in names)
        {
            using var source = new FileByteSource(path(name));
            var image = await CogImage.OpenAsync(source);
            images[name] = (await image.ReadLevelAsync<double>(), image.Width, image.NoData);
        }

        var reference = images[names[0]];
        var width = reference.Width;
        var n = reference.Values.Length;
        var bands = names.Select(_ => new float[n]).ToArray();
        var mask = new byte[n];
        for (var i = 0; i < n; i++)
        {
            var (row, col) = (i / width, i % width);
            var ok = true;
            for (var b = 0; b < names.Length; b++)
            {
                var isClass = names[b] is "SCL" or "CLM";
                var img = images[names[b]];
                var index = img.Width == width ? i : ((row / sclScale) * img.Width) + (col / sclScale);
                var raw = img.Values[index];
                ok &= isClass || img.NoData is not { } nd || raw != nd;
                bands[b][i] = isClass ? (float)raw : (float)(raw / 10000.0);
            }

            mask[i] = ok ? (byte)1 : (byte)0;
        }

        return new EvalSampleSet(n, bands, mask);
    }
}
