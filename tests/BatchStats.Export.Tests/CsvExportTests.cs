using System.Globalization;
using System.Text.Json;
using BatchStats.TestSupport;
using CsvHelper;

namespace BatchStats.Export.Tests;

/// <summary>statistics.csv and failures.csv parsed by CsvHelper (RFC 4180) against the JSON.</summary>
public sealed class CsvExportTests
{
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, new CsvReaderOptions(), leaveOpen: false);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var header = csv.Headers.ToArray();
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = csv.GetString(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    [SkippableFact]
    public async Task Statistics_csv_has_the_parquet_columns_and_the_json_values()
    {
        using var temp = new TempDirectory();
        var (_, exportFolder) = await LocalJobExporter.ExportAsync(ExampleJob.CreateAll(temp), ExampleJob.RequestId);
        var path = Path.Combine(exportFolder, ExportFileNames.Csv);
        var rows = ReadCsv(path);

        Assert.Equal(3, rows.Count);
        Assert.Equal(
            ["id", "ndvi_B0_min", "ndvi_B0_max", "ndvi_B0_mean", "ndvi_B0_stDev", "ndvi_B0_sampleCount", "ndvi_B0_noDataCount",
             "ndvi_B0_percentiles_50.0", "ndvi_B0_bins", "ndvi_B0_counts", "interval_from", "interval_to", "identifier"],
            rows[0].Keys);
        var first = rows[0];
        Assert.Equal("1", first["id"]);
        Assert.Equal("SI21.FOI.7059004001", first["identifier"]);
        Assert.Equal("2020-06-11T00:00:00Z", first["interval_from"]);
        Assert.Equal("2020-06-12T00:00:00Z", first["interval_to"]);
        Assert.Equal(0.38401383599010064, double.Parse(first["ndvi_B0_mean"], CultureInfo.InvariantCulture));
        Assert.Equal("112", first["ndvi_B0_sampleCount"]);
        Assert.Equal([0L, 0, 0, 0, 0, 0, 68, 35, 6, 0], JsonSerializer.Deserialize<long[]>(first["ndvi_B0_counts"])!);
        var bins = JsonSerializer.Deserialize<double[]>(first["ndvi_B0_bins"])!;
        Assert.Equal((11, -1.0, 1.0), (bins.Length, bins[0], bins[^1]));

        // RFC 4180: CRLF records; list fields are quoted because they hold commas.
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains("\r\n", text, StringComparison.Ordinal);
        Assert.Contains(",\"[0,0,0,0,0,0,68,35,6,0]\",", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nan_is_written_as_NaN_and_doubles_round_trip()
    {
        using var temp = new TempDirectory();
        await new ExportService().ExportAsync("r", () => SyntheticResults.Documents(12), n => File.Create(temp.Combine(n)),
            new ExportOptions { Schema = ParquetExportTests.SyntheticSchema() });
        var rows = ReadCsv(temp.Combine(ExportFileNames.Csv));

        Assert.All(rows, r => Assert.Equal("NaN", r["ndvi_B0_stDev"]));
        Assert.All(rows, r => Assert.Equal("", r["ndvi_B0_percentiles_99.0"]));
        foreach (var row in rows)
        {
            var id = long.Parse(row["id"], CultureInfo.InvariantCulture);
            var k = int.Parse(row["interval_from"].AsSpan(8, 2), CultureInfo.InvariantCulture) - 1;
            Assert.Equal(SyntheticResults.Mean(id, k), double.Parse(row["ndvi_B0_mean"], CultureInfo.InvariantCulture));
        }
    }

    [SkippableFact]
    public async Task Failures_csv_lists_feature_and_interval_failures()
    {
        using var temp = new TempDirectory();
        var (result, exportFolder) = await LocalJobExporter.ExportAsync(ExampleJob.CreateAll(temp), ExampleJob.RequestId);
        var rows = ReadCsv(Path.Combine(exportFolder, ExportFileNames.Failures));

        Assert.Equal(3, result.Failures);
        Assert.Equal(["id", "identifier", "level", "interval_from", "interval_to", "error_type", "message"], rows[0].Keys);
        Assert.Equal(
            [
                "3|SI21.FOI.6620269001|feature|||FAILED",
                "4|SI21.FOI.6681475001|feature|||EXECUTION_ERROR",
                "5|SI21.FOI.6828863001|interval|2020-06-09T00:00:00Z|2020-06-10T00:00:00Z|EXECUTION_ERROR",
            ],
            rows.Select(r => string.Join("|", r["id"], r["identifier"], r["level"], r["interval_from"], r["interval_to"], r["error_type"])));
    }

    [Fact]
    public async Task Failure_messages_with_quotes_and_commas_survive_csv_quoting()
    {
        using var temp = new TempDirectory();
        await new ExportService().ExportAsync("r", () => SyntheticResults.Documents(11), n => File.Create(temp.Combine(n)),
            new ExportOptions { Schema = ParquetExportTests.SyntheticSchema() });
        var failure = Assert.Single(ReadCsv(temp.Combine(ExportFileNames.Failures)));
        Assert.Equal("source read failed, \"B04\"", failure["message"]);
        Assert.Equal("2024-03-03T00:00:00Z", failure["interval_from"]);
    }
}
