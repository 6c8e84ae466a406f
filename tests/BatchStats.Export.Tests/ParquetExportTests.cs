using BatchStats.Core.Tables;
using BatchStats.TestSupport;

namespace BatchStats.Export.Tests;

/// <summary>The Parquet file read back by DuckDB, an independent reader (C++), against the JSON it came from.</summary>
public sealed class ParquetExportTests
{
    private static string Sql(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

    [SkippableFact]
    public async Task Examples_export_has_reference_rows_columns_types_and_values()
    {
        using var temp = new TempDirectory();
        var folder = ExampleJob.CreateAll(temp);
        var (result, exportFolder) = await LocalJobExporter.ExportAsync(folder, ExampleJob.RequestId);
        var parquet = Sql(Path.Combine(exportFolder, ExportFileNames.Parquet));

        // 2 rows from batch_stat_results (ids 1, 2) + 1 from the failed file (id 5), §12 table.
        Assert.Equal((5L, 3L, 2L, 3L), (result.Features, result.FeaturesUsed, result.FeaturesDropped, result.Rows));

        using var db = new DuckDb();
        Assert.Equal(3L, db.Scalar($"SELECT count(*) FROM {parquet}"));
        var described = db.Query($"DESCRIBE SELECT * FROM {parquet}").Select(r => ((string)r[0]!, (string)r[1]!)).ToList();
        Assert.Equal(
            [
                ("id", "BIGINT"), ("ndvi_B0_min", "DOUBLE"), ("ndvi_B0_max", "DOUBLE"), ("ndvi_B0_mean", "DOUBLE"),
                ("ndvi_B0_stDev", "DOUBLE"), ("ndvi_B0_sampleCount", "BIGINT"), ("ndvi_B0_noDataCount", "BIGINT"),
                ("ndvi_B0_percentiles_50.0", "DOUBLE"), ("ndvi_B0_bins", "DOUBLE[]"), ("ndvi_B0_counts", "BIGINT[]"),
                ("interval_from", "TIMESTAMP WITH TIME ZONE"), ("interval_to", "TIMESTAMP WITH TIME ZONE"), ("identifier", "VARCHAR"),
            ],
            described);

        // Feature 1, 2020-06-11 (batch_stat_results.json; spec §9.2 example).
        var row = db.Query(
            $"SELECT id, identifier, ndvi_B0_mean, ndvi_B0_sampleCount, ndvi_B0_noDataCount, \"ndvi_B0_percentiles_50.0\", " +
            $"len(ndvi_B0_bins), ndvi_B0_bins[1], ndvi_B0_bins[11], list_sum(ndvi_B0_counts)::BIGINT, ndvi_B0_counts[7], " +
            $"epoch(interval_from)::BIGINT, epoch(interval_to)::BIGINT FROM {parquet} WHERE id = 1").Single();
        Assert.Equal(1L, row[0]);
        Assert.Equal("SI21.FOI.7059004001", row[1]);
        Assert.Equal(0.38401383599010064, row[2]);
        Assert.Equal(112L, row[3]);
        Assert.Equal(3L, row[4]);
        Assert.Equal(0.3445783257484436, row[5]);
        Assert.Equal(11L, Convert.ToInt64(row[6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-1.0, row[7]);
        Assert.Equal(1.0, row[8]);
        Assert.Equal(109L, row[9]); // 68 + 35 + 6
        Assert.Equal(68L, row[10]);
        Assert.Equal(new DateTimeOffset(2020, 6, 11, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), row[11]);
        Assert.Equal(new DateTimeOffset(2020, 6, 12, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), row[12]);

        Assert.Equal([1L, 2L, 5L], db.Query($"SELECT id FROM {parquet} ORDER BY id").Select(r => (long)r[0]!));
    }

    [Fact]
    public async Task Streaming_export_over_many_row_groups_matches_the_generator()
    {
        using var temp = new TempDirectory();
        const int features = 500;
        var path = temp.Combine(ExportFileNames.Parquet);
        var service = new ExportService();
        var options = new ExportOptions
        {
            Schema = SyntheticSchema(),
            Parquet = new Parquet.ParquetExportOptions { RowGroupSize = 64 },
            WriteCsv = false,
        };
        var result = await service.ExportAsync("req", () => SyntheticResults.Documents(features),
            name => File.Create(temp.Combine(name)), options);

        var expectedRows = Enumerable.Range(1, features)
            .SelectMany(id => Enumerable.Range(0, SyntheticResults.Intervals).Where(k => SyntheticResults.HasRow(id, k)).Select(k => (id, k)))
            .ToList();
        Assert.Equal(expectedRows.Count, result.Rows);

        using var db = new DuckDb();
        var p = Sql(path);
        Assert.Equal((long)expectedRows.Count, db.Scalar($"SELECT count(*) FROM {p}"));
        Assert.True((long)db.Scalar($"SELECT count(*) FROM parquet_metadata({p}) WHERE column_id = 0")! > 10, "expected many row groups");
        Assert.Equal("ZSTD", db.Scalar($"SELECT DISTINCT compression FROM parquet_metadata({p})"));

        // Every mean matches id + k/10; stDev "NaN" with valid samples is IEEE NaN (S30), not null.
        var sumMean = (double)db.Scalar($"SELECT sum(ndvi_B0_mean) FROM {p}")!;
        Assert.Equal(expectedRows.Sum(r => SyntheticResults.Mean(r.id, r.k)), sumMean, 6);
        Assert.Equal((long)expectedRows.Count, db.Scalar($"SELECT count(*) FROM {p} WHERE isnan(ndvi_B0_stDev)"));
        Assert.Equal(expectedRows.Sum(r => (long)(r.id % 5)), db.Scalar($"SELECT sum(ndvi_B0_counts[2])::BIGINT FROM {p}"));

        // Declared but never produced: a null column, not a missing one (stable schema).
        Assert.Equal((long)expectedRows.Count, db.Scalar($"SELECT count(*) FROM {p} WHERE \"ndvi_B0_percentiles_99.0\" IS NULL"));
        Assert.Equal(0L, db.Scalar($"SELECT count(*) FROM {p} WHERE ndvi_B0_bins IS NULL"));
    }

    [Fact]
    public async Task Declared_schema_is_identical_for_jobs_with_different_data()
    {
        using var temp = new TempDirectory();
        var service = new ExportService();
        var options = new ExportOptions { Schema = SyntheticSchema(), WriteCsv = false };
        Directory.CreateDirectory(temp.Combine("a"));
        Directory.CreateDirectory(temp.Combine("b"));
        await service.ExportAsync("a", () => SyntheticResults.Documents(3), n => File.Create(temp.Combine("a", n)), options);

        // Job b: only feature 11, which is PARTIAL and dropped → zero rows, same schema.
        var result = await service.ExportAsync("b", () => One(11), n => File.Create(temp.Combine("b", n)), options);
        Assert.Equal(0, result.Rows);

        using var db = new DuckDb();
        var a = db.Query($"DESCRIBE SELECT * FROM {Sql(temp.Combine("a", ExportFileNames.Parquet))}").Select(r => $"{r[0]}:{r[1]}");
        var b = db.Query($"DESCRIBE SELECT * FROM {Sql(temp.Combine("b", ExportFileNames.Parquet))}").Select(r => $"{r[0]}:{r[1]}");
        Assert.Equal(a, b);
        Assert.Equal(0L, db.Scalar($"SELECT count(*) FROM {Sql(temp.Combine("b", ExportFileNames.Parquet))}"));
    }

    [Fact]
    public async Task Row_with_a_column_outside_a_declared_schema_is_a_clear_error()
    {
        using var temp = new TempDirectory();
        var schema = StatisticsTableSchema.FromDeclaredOutputs([new DeclaredOutput("other", [new DeclaredBand("B0", [], false)])]);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new ExportService().ExportAsync("r",
            () => SyntheticResults.Documents(1), n => File.Create(temp.Combine(n)), new ExportOptions { Schema = schema }));
        Assert.Contains("'ndvi_B0_min'", ex.Message, StringComparison.Ordinal);
    }

    internal static StatisticsTableSchema SyntheticSchema() => StatisticsTableSchema.FromDeclaredOutputs(
        [new DeclaredOutput("ndvi", [new DeclaredBand("B0", [10, 50, 90, 99], Histogram: true)])]);

    private static async IAsyncEnumerable<FeatureDocument> One(long id)
    {
        yield return new FeatureDocument(id, SyntheticResults.Feature(id));
        await Task.CompletedTask;
    }
}
