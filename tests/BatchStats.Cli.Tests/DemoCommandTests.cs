using System.Globalization;
using System.Text.Json;
using BatchStats.Core.Results;

namespace BatchStats.Cli.Tests;

[Collection(DemoCollection.Name)]
public class DemoCommandTests(DemoFixture demo)
{
    private JsonElement Summary => demo.Result.LastJson();

    private string JobFolder => new Uri(Summary.GetProperty("outputPrefix").GetString()!).LocalPath;

    [Fact]
    public void Demo_finishes_DONE_well_under_a_minute_with_the_contract_json()
    {
        Assert.True(demo.Result.Code == 0, demo.Result.Err);
        Assert.True(demo.Elapsed < TimeSpan.FromSeconds(60), $"demo took {demo.Elapsed.TotalSeconds:0.0} s");
        var s = Summary;
        foreach (var key in new[] { "requestId", "status", "outputPrefix", "features", "costPU", "parquet", "csv" })
        {
            Assert.True(s.TryGetProperty(key, out _), $"missing {key}");
        }

        Assert.Equal("DONE", s.GetProperty("status").GetString());
        var f = s.GetProperty("features");
        Assert.Equal(36, f.GetProperty("total").GetInt64());

        // Exactly the self-intersecting field fails: it is the only invalid geometry the generator writes.
        var truth = Truth();
        var invalid = truth.GetProperty("fields").EnumerateArray().Count(x => !x.GetProperty("validGeometry").GetBoolean());
        Assert.Equal(invalid, f.GetProperty("failed").GetInt64());
        Assert.Equal(36 - invalid, f.GetProperty("done").GetInt64());
        Assert.True(File.Exists(s.GetProperty("parquet").GetString()));
        Assert.True(File.Exists(s.GetProperty("csv").GetString()));
        Assert.True(s.GetProperty("costPU").GetDouble() > 0);
        Assert.StartsWith("s3://input/demo/", s.GetProperty("input").GetString());
        Assert.True(File.Exists(Path.Combine(demo.State, "buckets", "input", s.GetProperty("input").GetString()!["s3://input/".Length..])));
    }

    [Fact]
    public void Statistics_of_pixel_aligned_clear_fields_match_the_generator_truth()
    {
        var truth = Truth();
        var dates = truth.GetProperty("dates").EnumerateArray()
            .Select(d => DateTime.Parse(d.GetProperty("datetime").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).Date)
            .ToArray();
        var checkedIntervals = 0;
        var maskedIntervals = 0;
        foreach (var field in truth.GetProperty("fields").EnumerateArray())
        {
            if (!field.GetProperty("pixelAligned").GetBoolean() || !field.GetProperty("validGeometry").GetBoolean())
            {
                continue;
            }

            var id = field.GetProperty("id").GetInt64();
            var kind = field.GetProperty("kind").GetString();
            var result = ResultJsonReader.ReadFeature(File.ReadAllText(Path.Combine(JobFolder, $"{id}.json")));
            Assert.Null(result.Error);
            var data = result.Response!.Data!;
            Assert.Equal(dates.Length, data.Count); // P1D and one acquisition per date: every date is an interval
            for (var d = 0; d < dates.Length; d++)
            {
                var interval = data.Single(i => DateTime.Parse(i.Interval.From, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).Date == dates[d]);
                var stats = interval.Outputs!["ndvi"].Bands["B0"].Stats;
                var t = field.GetProperty("dates")[d];
                var clear = t.GetProperty("clearFullyInside").GetInt64();

                // Pixel-aligned: any mask rule selects exactly the fully-inside pixels; valid = those CLM calls clear.
                Assert.Equal(clear, stats.SampleCount - stats.NoDataCount);
                // S11: sampleCount = W × H of the bbox grid, which is the field itself only for a plain rectangle.
                if (kind == "rectangle")
                {
                    Assert.Equal(field.GetProperty("pixelsFullyInside").GetInt64(), stats.SampleCount);
                }
                else
                {
                    Assert.True(stats.SampleCount >= field.GetProperty("pixelsFullyInside").GetInt64());
                }

                if (clear == 0)
                {
                    // Scenes exist but every pixel is cloud (CLM = 1 → dataMask 0): NaN statistics, not an omitted interval.
                    Assert.True(double.IsNaN(stats.Mean), $"field {id} date {d}: expected NaN, got {stats.Mean}");
                    maskedIntervals++;
                    continue;
                }

                var expected = t.GetProperty("ndvi").GetDouble();
                Assert.True(Math.Abs(stats.Mean - expected) < 5e-4, $"field {id} date {d}: mean {stats.Mean} vs truth {expected}");
                checkedIntervals++;
            }
        }

        Assert.True(checkedIntervals >= 100, $"only {checkedIntervals} intervals checked");
        Assert.True(maskedIntervals >= 1, "no fully clouded interval was checked");
    }

    [Fact]
    public void Plots_are_valid_pngs_of_the_expected_size_and_not_blank()
    {
        var plots = Summary.GetProperty("plots");
        var series = plots.GetProperty("timeSeries").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(Summary.GetProperty("features").GetProperty("done").GetInt64(), series.Count);
        AssertPng(series[0], Plots.ResultPlots.TimeSeriesWidth, Plots.ResultPlots.TimeSeriesHeight);
        var (hw, hh) = Plots.ResultPlots.HistogramSize(12);
        AssertPng(plots.GetProperty("histograms").GetString()!, hw, hh);
        var (ow, oh) = Plots.ResultPlots.OverviewSize(series.Count);
        Assert.Equal((1440, 960), (ow, oh)); // 35 fields: 6 columns × 6 rows of 240 × 160
        AssertPng(plots.GetProperty("overview").GetString()!, ow, oh);
    }

    [Fact]
    public void Results_json_csv_and_table_formats_agree_for_one_field()
    {
        var id = Summary.GetProperty("requestId").GetString()!;
        var json = CliResult.Run("results", id, "--state", demo.State, "--field", "1", "--format", "json");
        Assert.Equal(0, json.Code);
        var rows = json.LastJson().EnumerateArray().ToList();
        // §12: an interval whose bands have no valid pixel (all cloud) gives no row.
        var clearDates = Truth().GetProperty("fields")[0].GetProperty("dates").EnumerateArray().Count(d => d.GetProperty("clearFullyInside").GetInt64() > 0);
        Assert.Equal(11, clearDates);
        Assert.Equal(clearDates, rows.Count);
        Assert.All(rows, r => Assert.Equal("DEMO.00001", r.GetProperty("identifier").GetString()));
        foreach (var key in new[] { "interval_from", "interval_to", "ndvi_B0_mean", "ndvi_B0_stDev", "ndvi_B0_sampleCount", "ndvi_B0_noDataCount" })
        {
            Assert.True(rows[0].TryGetProperty(key, out _), $"missing {key}");
        }

        var csv = CliResult.Run("results", id, "--state", demo.State, "--field", "DEMO.00001", "--format", "csv");
        Assert.Equal(0, csv.Code);
        Assert.Equal(rows.Count + 1, csv.OutLines.Length);
        Assert.StartsWith("id,identifier,interval_from,interval_to,", csv.OutLines[0]);

        var table = CliResult.Run("results", id, "--state", demo.State, "--field", "1");
        Assert.Equal(0, table.Code);
        Assert.Contains($"{rows.Count} row(s)", table.Out);
        Assert.DoesNotContain("\u001b[", table.Out);

        var missing = CliResult.Run("results", id, "--state", demo.State, "--field", "9999");
        Assert.Equal(1, missing.Code);
        Assert.StartsWith("batchstats results: job ", missing.ErrLines[0]);
    }

    [Fact]
    public void Status_list_export_and_plot_work_on_the_demo_job()
    {
        var id = Summary.GetProperty("requestId").GetString()!;
        var status = CliResult.Run("status", id, "--state", demo.State, "--json");
        Assert.Equal(0, status.Code);
        var s = status.LastJson();
        Assert.Equal("DONE", s.GetProperty("status").GetString());
        Assert.Equal(100, s.GetProperty("completionPercentage").GetInt32());
        Assert.Equal(Summary.GetProperty("features").GetProperty("done").GetInt64(), s.GetProperty("features").GetProperty("done").GetInt64());

        var list = CliResult.Run("list", "--state", demo.State, "--json");
        Assert.Equal(0, list.Code);
        Assert.Contains(list.LastJson().EnumerateArray(), j => j.GetProperty("id").GetString() == id);

        var export = CliResult.Run("export", Summary.GetProperty("outputPrefix").GetString()!, "--state", demo.State, "--json");
        Assert.True(export.Code == 0, export.Err);
        var e = export.LastJson();
        Assert.Equal(id, e.GetProperty("requestId").GetString());
        Assert.Equal(36, e.GetProperty("features").GetInt64());
        Assert.True(File.Exists(e.GetProperty("parquet").GetString()));

        using var temp = new BatchStats.TestSupport.TempDirectory();
        var plot = CliResult.Run("plot", id, "--state", demo.State, "--field", "DEMO.00003", "--out", temp.Path, "--json");
        Assert.True(plot.Code == 0, plot.Err);
        var p = plot.LastJson();
        AssertPng(Assert.Single(p.GetProperty("timeSeries").EnumerateArray()).GetString()!, Plots.ResultPlots.TimeSeriesWidth, Plots.ResultPlots.TimeSeriesHeight);
    }

    private JsonElement Truth() => JsonDocument.Parse(File.ReadAllText(Summary.GetProperty("truth").GetString()!)).RootElement;

    private static void AssertPng(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);

        // IHDR is the first chunk: width and height big-endian at bytes 16..24.
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        using var bitmap = SkiaSharp.SKBitmap.Decode(path);
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
            {
                colours.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        Assert.True(colours.Count > 8, $"{path}: only {colours.Count} distinct colours");
    }
}
