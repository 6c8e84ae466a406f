using BenchmarkDotNet.Running;

namespace BatchStats.Bench;

/// <summary>
/// Micro-benchmarks (BenchmarkDotNet; <c>dotnet run -c Release --project bench/BatchStats.Bench -- --filter '*Mask*'</c>)
/// and the end-to-end scenarios driven by <c>bench/run.sh</c>. Each area keeps its benchmarks in its own folder.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
