using System.Diagnostics;
using System.Globalization;
using BatchStats.Evalscript;

namespace BatchStats.Bench.Evalscript;

/// <summary>
/// The NDVI comparison of <see cref="NdviEvaluationBenchmarks"/> measured in process CPU time (min of N), which a
/// machine shared with other builds disturbs far less than wall time: hand-written loop vs fast path vs Jint, plus
/// Jint with the sandbox's memory limit and timeout switched off (how much the sandbox costs). Ratios divide by the
/// hand-written loop's minimum wall time (process CPU time ticks in 10 ms on Linux, too coarse for a ~10 ms loop;
/// the minimum of a short single-threaded run is its CPU time). Each run first checks
/// that Jint's outputs are bit-identical to the fast path's.
/// Run: <c>dotnet run -c Release --project bench/BatchStats.Bench -- evalscript-cpu [--pixels N] [--repetitions N]</c>
/// (both JIT profiles, see <see cref="RunBothProfiles"/>).
/// </summary>
public static class NdviCpuTimeScenario
{
    public static int Run(TextWriter output, int pixels = NdviEvaluationBenchmarks.PixelCount, int repetitions = 5)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var samples = NdviEvaluationBenchmarks.RandomSamples(pixels);
        output.WriteLine($"NDVI, {pixels} px, one thread, min of {repetitions}; TieredPGO {PgoState()}; load {Load()}");

        var handWritten = Measure(() => NdviEvaluationBenchmarks.HandWritten(samples), 25, warmUp: 40);
        output.WriteLine(Line("hand-written C#", handWritten, handWritten, pixels));

        var variants = new (string Name, EvalscriptOptions Options)[]
        {
            ("Jint (sandbox as shipped)", EvalscriptOptions.Default),
            ("Jint, no memory limit", new EvalscriptOptions { MemoryLimitBytes = 0 }),
            ("Jint, no memory limit/timeout", new EvalscriptOptions { MemoryLimitBytes = 0, IntervalTimeout = Timeout.InfiniteTimeSpan }),
        };
        foreach (var (name, options) in variants)
        {
            using var script = BatchStats.Evalscript.Evalscript.Compile(NdviEvaluationBenchmarks.TutorialNdvi, options);
            var fast = script.CreateEvaluator();
            var jint = script.CreateInterpretedEvaluator();
            CheckIdentical(fast.Evaluate(samples), jint.Evaluate(samples));
            if (name == variants[0].Name)
            {
                output.WriteLine(Line("fast path", Measure(() => fast.Evaluate(samples).Outputs[0].Bands[0][0], 25, warmUp: 40), handWritten, pixels));
            }

            output.WriteLine(Line(name, Measure(() => jint.Evaluate(samples).Outputs[0].Bands[0][0], repetitions), handWritten, pixels));
        }

        output.WriteLine($"load {Load()}");
        return 0;
    }

    /// <summary>
    /// <see cref="Run"/> in this process (TieredPGO as the executables ship: off, how fast-path jobs run), then in a
    /// child started with <c>DOTNET_TieredPGO=1</c> (how <c>batchstats run</c> runs a job whose script needs Jint).
    /// With <c>DOTNET_TieredPGO</c> already set, only this process is measured.
    /// </summary>
    public static int RunBothProfiles(TextWriter output, IReadOnlyList<string> arguments, int pixels, int repetitions)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(arguments);
        var code = Run(output, pixels, repetitions);
        if (code != 0 || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_TieredPGO")))
        {
            return code;
        }

        output.WriteLine();
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(NdviCpuTimeScenario).Assembly.Location); // `dotnet BatchStats.Bench.dll`, not the app host
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_TieredPGO"] = "1";
        using var child = Process.Start(start)!;
        output.Write(child.StandardOutput.ReadToEnd());
        child.WaitForExit();
        return child.ExitCode;
    }

    private static string PgoState()
    {
        var variable = Environment.GetEnvironmentVariable("DOTNET_TieredPGO");
        if (!string.IsNullOrEmpty(variable))
        {
            return (variable == "0" ? "off" : "on") + $" (DOTNET_TieredPGO={variable})";
        }

        return AppContext.GetData("System.Runtime.TieredPGO") is string configured && bool.TryParse(configured, out var on) && !on
            ? "off (as the executables ship)"
            : "on (runtime default)";
    }

    private static void CheckIdentical(EvaluationResult expected, EvaluationResult actual)
    {
        var e = expected.Outputs[0];
        var a = actual.Outputs[0];
        for (var i = 0; i < expected.PixelCount; i++)
        {
            if (BitConverter.SingleToInt32Bits(e.Bands[0][i]) != BitConverter.SingleToInt32Bits(a.Bands[0][i]) || e.Valid[i] != a.Valid[i])
            {
                throw new InvalidOperationException($"Jint and the fast path differ at pixel {i}: {a.Bands[0][i]} vs {e.Bands[0][i]}");
            }
        }
    }

    private static (double WallMs, double CpuMs, double BytesPerCall) Measure(Func<float> run, int repetitions, int warmUp = 1)
    {
        // Until the JIT's final tier (a ~5 ms loop needs 30+ calls to leave its OSR code), and the engine's creation.
        for (var w = 0; w < warmUp; w++)
        {
            run();
        }

        double wall = double.MaxValue, cpu = double.MaxValue, bytes = 0;
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < repetitions; r++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var allocated0 = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            run();
            wall = Math.Min(wall, watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - cpu0).TotalMilliseconds);
            bytes = GC.GetAllocatedBytesForCurrentThread() - allocated0;
        }

        return (wall, cpu, bytes);
    }

    private static string Line(string name, (double WallMs, double CpuMs, double BytesPerCall) m, (double WallMs, double CpuMs, double BytesPerCall) baseline, int pixels) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{name,-30} cpu {m.CpuMs,8:F1} ms ({pixels / m.CpuMs / 1000,6:F2} M px/s, {m.CpuMs / baseline.WallMs,6:F1}x)  wall {m.WallMs,8:F1} ms ({m.WallMs / baseline.WallMs,6:F1}x)  {m.BytesPerCall / pixels,5:F0} B/px");

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
