using System.Diagnostics;
using BatchStats.Core.Tables;
using BatchStats.Export;
using BatchStats.Export.Parquet;
using BenchmarkDotNet.Attributes;

namespace BatchStats.Bench.Export;

/// <summary>
/// JSON → Parquet for N synthetic per-feature files (3 intervals, 20-bin histogram, 3 percentiles).
/// Baseline: flattening alone (JSON parse + rows, no file). Peak working set is printed at cleanup (<c>// PEAK</c>);
/// run one method and one size per process to read it per case, e.g.
/// <c>BENCH_EXPORT_FEATURES=100000 dotnet bench/BatchStats.Bench/bin/Release/net10.0/BatchStats.Bench.dll --filter '*JsonToParquetBenchmarks.ParquetNet'</c>.
/// With streaming, 100k features must not need ~10× the memory of 10k.
/// </summary>
[Config(typeof(ExportBenchConfig))]
public class JsonToParquetBenchmarks
{
    private static readonly StatisticsTableSchema s_schema = StatisticsTableSchema.FromDeclaredOutputs(
        [new DeclaredOutput("ndvi", [new DeclaredBand("B0", [10, 50, 90], Histogram: true)])]);

    private string _path = "";

    [ParamsSource(nameof(FeatureCounts))]
    public int Features { get; set; }

    /// <summary>10k and 100k, or the one count in <c>BENCH_EXPORT_FEATURES</c> (to measure one case's peak memory per process).</summary>
    public static IEnumerable<int> FeatureCounts =>
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_EXPORT_FEATURES"), out var n) ? [n] : [10_000, 100_000];

    [GlobalSetup]
    public void Setup() => _path = Path.Combine(Path.GetTempPath(), $"bench-export-{Guid.NewGuid():N}.parquet");

    [GlobalCleanup]
    public void Cleanup()
    {
        var size = File.Exists(_path) ? new FileInfo(_path).Length : 0;
        File.Delete(_path);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"// PEAK features={Features} peakWorkingSetMB={process.PeakWorkingSet64 / 1048576.0:F1} fileMB={size / 1048576.0:F2}");
    }

    [Benchmark(Baseline = true)]
    public long FlattenOnly()
    {
        long rows = 0;
        for (long id = 1; id <= Features; id++)
        {
            rows += StatisticsFlattener.FlattenFeature(SyntheticFeatureJson.Create(id), id).Rows.Count;
        }

        return rows;
    }

    [Benchmark]
    public async Task<long> ParquetNet()
    {
        await using var stream = File.Create(_path);
        await using var writer = new ParquetStatisticsWriter(stream, s_schema, new ParquetExportOptions { RowGroupSize = 65_536 });
        for (long id = 1; id <= Features; id++)
        {
            foreach (var row in StatisticsFlattener.FlattenFeature(SyntheticFeatureJson.Create(id), id).Rows)
            {
                await writer.WriteAsync(row);
            }
        }

        await writer.CompleteAsync();
        return writer.RowsWritten;
    }

    [Benchmark]
    public long ParquetSharp()
    {
        using var writer = new ParquetSharpStatisticsWriter(_path, s_schema, 65_536);
        for (long id = 1; id <= Features; id++)
        {
            foreach (var row in StatisticsFlattener.FlattenFeature(SyntheticFeatureJson.Create(id), id).Rows)
            {
                writer.Write(row);
            }
        }

        writer.Complete();
        return writer.RowsWritten;
    }

    /// <summary>The full export (Parquet + CSV + failures.csv, no index) through <see cref="ExportService"/>.</summary>
    [Benchmark]
    public async Task<long> ExportServiceParquetAndCsv()
    {
        var folder = _path + ".d";
        Directory.CreateDirectory(folder);
        try
        {
            var result = await new ExportService().ExportAsync("bench", () => Documents(Features),
                name => File.Create(Path.Combine(folder, name)), new ExportOptions { Schema = s_schema });
            return result.Rows;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async IAsyncEnumerable<FeatureDocument> Documents(int count)
    {
        for (long id = 1; id <= count; id++)
        {
            yield return new FeatureDocument(id, SyntheticFeatureJson.Create(id));
        }

        await Task.CompletedTask;
    }
}
