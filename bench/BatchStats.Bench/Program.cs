using BatchStats.Bench.EndToEnd;
using BenchmarkDotNet.Running;

namespace BatchStats.Bench;

/// <summary>
/// Micro-benchmarks (BenchmarkDotNet; <c>dotnet run -c Release --project bench/BatchStats.Bench -- --filter '*Mask*'</c>)
/// and the console scenarios driven by <c>bench/run.sh</c>: <c>e2e</c> (one whole job, see <see cref="EndToEndScenario"/>)
/// <c>gen</c> (the scale archive, see <see cref="DemoGeneration"/>) and <c>evalscript-cpu</c> (NDVI pixels/s by
/// process CPU time: Jint vs fast path vs a hand-written loop, robust to a loaded machine). Each area keeps its benchmarks in its own folder.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            switch (args.FirstOrDefault())
            {
                case "e2e":
                    return await EndToEndScenario.RunAsync(EndToEndOptions.Parse(args.Skip(1)), Console.Out).ConfigureAwait(false);
                case "gen":
                    return DemoGeneration.Run(EndToEndOptions.Parse(args.Skip(1)), Console.Out);
                case "evalscript-cpu":
                    var cpuOptions = EndToEndOptions.Parse(args.Skip(1));
                    return Evalscript.NdviCpuTimeScenario.RunBothProfiles(Console.Out, args, cpuOptions.Int("pixels", 1_000_000), cpuOptions.Int("repetitions", 5));
                case "evalscript-widened": return Evalscript.WidenedScriptCpuTimeScenario.Run(Console.Out, EndToEndOptions.Parse(args.Skip(1)).Int("pixels", 1_000_000));
            }
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 2;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
