using BatchStats.Evalscript;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace BatchStats.Bench.Evalscript;

/// <summary>
/// Pixels/s of the sentinelhub-py tutorial NDVI script (evalscript-v3.md §10.1) on one thread, 1 M pixels:
/// interpreted by Jint vs the compiled fast path vs a hand-written C# loop (the baseline). Each variant
/// produces the same outputs: FLOAT32 ndvi and a per-pixel validity mask.
/// Run: <c>dotnet run -c Release --project bench/BatchStats.Bench -- --filter '*NdviEvaluation*'</c>
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class NdviEvaluationBenchmarks
{
    public const int PixelCount = 1_000_000;

    internal const string TutorialNdvi = """

        //VERSION=3

        function setup() {
          return {
            input: [{ bands: ["B04", "B08", "dataMask"] }],
            output: [{ id: "ndvi", bands: 1 }, { id: "dataMask", bands: 1 }]
          }
        }

        function evaluatePixel(samples) {
            return {
              ndvi: [index(samples.B08, samples.B04)],
              dataMask: [samples.dataMask]
            };
        }
        """;

    private CompiledEvalscript _script = null!;
    private EvalscriptEvaluator _jint = null!;
    private EvalscriptEvaluator _fast = null!;
    private SampleSet _samples = null!;

    [GlobalSetup]
    public void Setup()
    {
        _script = BatchStats.Evalscript.Evalscript.Compile(TutorialNdvi);
        if (!_script.IsFastPath)
        {
            throw new InvalidOperationException("the tutorial NDVI script must take the fast path: " + _script.FastPathRejection);
        }

        _jint = _script.CreateInterpretedEvaluator();
        _fast = _script.CreateEvaluator();
        _samples = RandomSamples(PixelCount);
    }

    /// <summary>Reflectance-like B04/B08 with 10 % of pixels outside the mask (band values 0 there, S13). Seeded.</summary>
    internal static SampleSet RandomSamples(int pixelCount)
    {
        var random = new Random(42);
        var b04 = new float[pixelCount];
        var b08 = new float[pixelCount];
        var mask = new byte[pixelCount];
        for (var i = 0; i < pixelCount; i++)
        {
            mask[i] = (byte)(random.Next(10) == 0 ? 0 : 1);
            b04[i] = mask[i] == 0 ? 0 : (float)(random.Next(0, 3000) / 10000.0);
            b08[i] = mask[i] == 0 ? 0 : (float)(random.Next(500, 6000) / 10000.0);
        }

        return new SampleSet(pixelCount, [b04, b08], mask);
    }

    [Benchmark(Baseline = true)]
    public float HandWrittenCSharp() => HandWritten(_samples);

    /// <summary>The baseline: what a developer would write by hand for the same outputs.</summary>
    internal static float HandWritten(SampleSet samples)
    {
        var n = samples.PixelCount;
        var b04 = samples.Bands[0];
        var b08 = samples.Bands[1];
        var mask = samples.DataMask;
        var ndvi = new float[n];
        var valid = new byte[n];
        for (var i = 0; i < n; i++)
        {
            double x = b08[i], y = b04[i];
            var sum = x + y;
            ndvi[i] = (float)(sum == 0 ? 0 : (x - y) / sum);
            valid[i] = mask[i] != 0 ? (byte)1 : (byte)0;
        }

        return ndvi[n / 2] + valid[n / 3];
    }

    [Benchmark]
    public float FastPath()
    {
        var result = _fast.Evaluate(_samples);
        return result.Outputs[0].Bands[0][PixelCount / 2] + result.Outputs[0].Valid[PixelCount / 3];
    }

    [Benchmark]
    public float Jint()
    {
        var result = _jint.Evaluate(_samples);
        return result.Outputs[0].Bands[0][PixelCount / 2] + result.Outputs[0].Valid[PixelCount / 3];
    }
}
