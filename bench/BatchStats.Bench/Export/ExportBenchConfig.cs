using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace BatchStats.Bench.Export;

/// <summary>
/// One process per case (so the printed peak working set is that case's), few iterations (each is a whole job),
/// and a longer build timeout: the bench project pulls in every src project and the default 2 minutes is not
/// enough on a 2-core machine.
/// </summary>
public sealed class ExportBenchConfig : ManualConfig
{
    public ExportBenchConfig()
    {
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
