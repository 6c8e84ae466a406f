using System.Diagnostics;
using System.Globalization;
using BatchStats.Evalscript;

namespace BatchStats.Bench.Evalscript;

/// <summary>
/// Pixels/s of a script that only the widened fast path compiles (an <c>if</c> with an early return, a top-level
/// constant array with <c>includes</c>, locals, <c>Math.min/max</c>): Jint vs fast path vs the same computation
/// written by hand, one thread. Also re-measures the tutorial NDVI fast path against its hand-written loop.
/// Fast path and hand-written loops take ~5 ms per million pixels, below the 10 ms tick of process CPU time on
/// Linux, so they are timed by minimum wall time over many repetitions (the minimum of a short single-threaded
/// run is its CPU time); Jint by process CPU time. Every run first checks the fast path equals Jint bit for bit.
/// Run: <c>dotnet run -c Release --project bench/BatchStats.Bench -- evalscript-widened</c>.
/// </summary>
public static class WidenedScriptCpuTimeScenario
{
    internal const string CloudMaskedNdvi = """
        //VERSION=3
        function setup() {
          return {
            input: [{ bands: ["B04", "B08", "SCL", "dataMask"] }],
            output: [{ id: "ndvi", bands: 1 }, { id: "dataMask", bands: 1 }]
          };
        }
        const CLOUDY = [3, 8, 9, 10];
        function evaluatePixel(samples) {
          if (CLOUDY.includes(samples.SCL)) {
            return { ndvi: [0], dataMask: [0] };
          }
          const ndvi = index(samples.B08, samples.B04);
          return { ndvi: [Math.max(-1, Math.min(1, ndvi))], dataMask: [samples.dataMask] };
        }
        """;

    public static int Run(TextWriter output, int pixels = 1_000_000, int repetitions = 25)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        output.WriteLine($"{pixels} px, one thread; fast/hand: min wall of {repetitions}, Jint: min CPU of 3; load {Load()}");

        var ndviSamples = NdviEvaluationBenchmarks.RandomSamples(pixels);
        using (var ndvi = BatchStats.Evalscript.Evalscript.Compile(NdviEvaluationBenchmarks.TutorialNdvi))
        {
            var fast = ndvi.CreateEvaluator();
            Check(fast.Evaluate(ndviSamples), ndvi.CreateInterpretedEvaluator().Evaluate(ndviSamples));
            var hand = Measure(() => NdviEvaluationBenchmarks.HandWritten(ndviSamples), repetitions).WallMs;
            var compiled = Measure(() => fast.Evaluate(ndviSamples).Outputs[0].Bands[0][0], repetitions).WallMs;
            output.WriteLine(Line("tutorial NDVI, hand-written", hand, hand, pixels));
            output.WriteLine(Line("tutorial NDVI, fast path", compiled, hand, pixels));
        }

        var samples = CloudSamples(pixels);
        using var script = BatchStats.Evalscript.Evalscript.Compile(CloudMaskedNdvi);
        if (!script.IsFastPath)
        {
            throw new InvalidOperationException("the cloud-masked NDVI script must take the fast path: " + script.FastPathRejection);
        }

        var fastPath = script.CreateEvaluator();
        var jint = script.CreateInterpretedEvaluator();
        Check(fastPath.Evaluate(samples), jint.Evaluate(samples));
        var handWritten = Measure(() => HandWritten(samples), repetitions).WallMs;
        output.WriteLine(Line("cloud-masked NDVI, hand-written", handWritten, handWritten, pixels));
        output.WriteLine(Line("cloud-masked NDVI, fast path", Measure(() => fastPath.Evaluate(samples).Outputs[0].Bands[0][0], repetitions).WallMs, handWritten, pixels));
        output.WriteLine(Line("cloud-masked NDVI, Jint (CPU)", Measure(() => jint.Evaluate(samples).Outputs[0].Bands[0][0], 3).CpuMs, handWritten, pixels));
        output.WriteLine($"load {Load()}");
        return 0;
    }

    /// <summary>B04/B08 as in the NDVI benchmark, SCL classes 0–11 (a third of them cloudy). Seeded.</summary>
    private static SampleSet CloudSamples(int pixels)
    {
        var ndvi = NdviEvaluationBenchmarks.RandomSamples(pixels);
        var random = new Random(7);
        var scl = new float[pixels];
        for (var i = 0; i < pixels; i++)
        {
            scl[i] = random.Next(0, 12);
        }

        return new SampleSet(pixels, [ndvi.Bands[0], ndvi.Bands[1], scl], ndvi.DataMask);
    }

    /// <summary>The same script by hand: JS Math.min/max on a value that is never NaN or −0 here is plain Math.Clamp.</summary>
    private static float HandWritten(SampleSet samples)
    {
        var n = samples.PixelCount;
        var b04 = samples.Bands[0];
        var b08 = samples.Bands[1];
        var scl = samples.Bands[2];
        var mask = samples.DataMask;
        var ndvi = new float[n];
        var valid = new byte[n];
        for (var i = 0; i < n; i++)
        {
            var s = scl[i];
            if (s is 3 or 8 or 9 or 10)
            {
                continue;
            }

            double x = b08[i], y = b04[i];
            var sum = x + y;
            ndvi[i] = (float)Math.Clamp(sum == 0 ? 0 : (x - y) / sum, -1, 1);
            valid[i] = mask[i] != 0 ? (byte)1 : (byte)0;
        }

        return ndvi[n / 2] + valid[n / 3];
    }

    private static void Check(EvaluationResult fast, EvaluationResult jint)
    {
        for (var o = 0; o < fast.Outputs.Count; o++)
        {
            var f = fast.Outputs[o];
            var j = jint.Outputs[o];
            for (var i = 0; i < fast.PixelCount; i++)
            {
                if (BitConverter.SingleToInt32Bits(f.Bands[0][i]) != BitConverter.SingleToInt32Bits(j.Bands[0][i]) || f.Valid[i] != j.Valid[i])
                {
                    throw new InvalidOperationException($"Jint and the fast path differ at pixel {i}: {f.Bands[0][i]} vs {j.Bands[0][i]}");
                }
            }
        }
    }

    private static (double WallMs, double CpuMs) Measure(Func<float> run, int repetitions)
    {
        // Until the JIT's final tier (a ~5 ms loop needs 30+ calls to leave its OSR code; timing it earlier made the
        // hand-written baseline 3x slower in some runs), and the engine's creation. Jint's inner methods run per pixel.
        var warmUp = repetitions > 3 ? 40 : 2;
        for (var w = 0; w < warmUp; w++)
        {
            run();
        }

        double wall = double.MaxValue, cpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < repetitions; r++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            run();
            wall = Math.Min(wall, watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - cpu0).TotalMilliseconds);
        }

        return (wall, cpu);
    }

    private static string Line(string name, double ms, double baselineMs, int pixels) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-34} {ms,8:F2} ms  {pixels / ms / 1000,8:F2} M px/s  {ms / baselineMs,6:F2}x hand-written");

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
