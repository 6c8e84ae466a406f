using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace BatchStats.Bench.Export;

/// <summary>
/// In-process (the generated project of the out-of-process toolchain pulls in every src project and exceeds
/// BenchmarkDotNet's 2-minute build timeout on this 2-core machine), few iterations (each is a whole job).
/// Run one case per process (see <see cref="JsonToParquetBenchmarks"/>) so the printed peak working set is that case's.
/// </summary>
public sealed class ExportBenchConfig : ManualConfig
{
    public ExportBenchConfig()
    {
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
            .WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
