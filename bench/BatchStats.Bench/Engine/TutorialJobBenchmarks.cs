using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Local;
using BatchStats.Bench.EndToEnd;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace BatchStats.Bench.Engine;

/// <summary>
/// The whole tutorial job (samples/tutorial-ndvi: 67 s2-slovenia fields, P1D over 91 days, 3 scenes pass) through
/// <see cref="LocalEngine.RunToCompletionAsync"/> (create → analyse → process → Parquet/CSV export) with 1 and 2 workers.
/// Each invocation is a cold engine (new state folder, empty tile cache), like one <c>batchstats run</c>.
/// Run one method per process (<c>--filter '*TutorialJobBenchmarks.Workers1'</c>, then <c>Workers2</c>) so the peak RSS
/// that <see cref="Report"/> prints (with features/s and pixels/s) is that case's.
/// </summary>
[Config(typeof(TutorialJobConfig))]
public class TutorialJobBenchmarks
{
    private string _request = "";
    private string _stac = "";
    private string _root = "";
    private readonly List<double> _seconds = [];
    private LocalRunSummary? _last;

    private int _workers;

    [GlobalSetup]
    public void Setup()
    {
        var repo = FindUp("samples/tutorial-ndvi/request.json");
        var shared = Environment.GetEnvironmentVariable("BATCHSTATS_SHARED") is { Length: > 0 } s ? s : Path.Combine(Path.GetDirectoryName(repo)!, "shared");
        var request = JsonNode.Parse(File.ReadAllText(Path.Combine(repo, "samples/tutorial-ndvi/request.json")))!.AsObject();
        request["input"]!["features"]!["s3"]!["url"] = Path.Combine(shared, "data/s2-slovenia/fields.gpkg");
        _request = request.ToJsonString();
        _stac = Path.Combine(shared, "data/s2-slovenia/catalog.json");
        _root = Path.Combine(Path.GetTempPath(), "batchstats-bench-engine-" + Guid.NewGuid().ToString("N")[..8]);
    }

    [Benchmark(Baseline = true)]
    public Task<double> Workers1() => RunAsync(1);

    [Benchmark]
    public Task<double> Workers2() => RunAsync(2);

    private async Task<double> RunAsync(int workers)
    {
        _workers = workers;
        var state = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        var clock = Stopwatch.StartNew();
        await using var engine = new LocalEngine(new LocalEngineOptions { StateDirectory = state, Stac = _stac, Workers = workers });
        var summary = await engine.RunToCompletionAsync(_request).ConfigureAwait(false);
        if (summary.Status != BatchStatus.Done || summary.FeaturesDone != 67)
        {
            throw new InvalidOperationException($"tutorial job ended {summary.StatusName} with {summary.FeaturesDone} done");
        }

        _seconds.Add(clock.Elapsed.TotalSeconds);
        _last = summary;
        return summary.CostPU;
    }

    [GlobalCleanup]
    public void Report()
    {
        var pixels = 0L;
        if (_last?.OutputFolder is { } folder)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                foreach (var interval in doc.RootElement.GetProperty("response").GetProperty("data").EnumerateArray())
                {
                    pixels += interval.GetProperty("outputs").GetProperty("ndvi").GetProperty("bands").GetProperty("B0")
                        .GetProperty("stats").GetProperty("sampleCount").GetInt64();
                }
            }
        }

        var measured = _seconds.Skip(1).DefaultIfEmpty(_seconds.LastOrDefault()).ToList(); // drop the warm-up run
        var median = measured.Order().ElementAt(measured.Count / 2);
        Console.WriteLine($"// ENGINE-RESULT workers={_workers} runs={measured.Count} median_s={median:F3} features_per_s={67 / median:F1} " +
                          $"evaluated_pixels={pixels} pixels_per_s={pixels / median:F0} peak_rss_mb={PeakMemory.PeakResidentBytes() / (1024.0 * 1024):F0}");
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // temp folder; the OS cleans it
        }
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, relative)))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>In-process (the out-of-process build exceeds BenchmarkDotNet's 2-minute timeout here); each invocation is a whole job.</summary>
public sealed class TutorialJobConfig : ManualConfig
{
    public TutorialJobConfig() =>
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance));
}
