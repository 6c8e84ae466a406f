using BatchStats.Export.Index;
using BatchStats.TestSupport;

namespace BatchStats.Export.Tests;

/// <summary>The embedded SQLite index: by request, by identifier, idempotent re-export.</summary>
public sealed class LocalIndexTests
{
    [SkippableFact]
    public async Task Index_returns_exactly_the_rows_by_request_and_by_identifier_and_re_export_does_not_duplicate()
    {
        using var temp = new TempDirectory();
        var folder = ExampleJob.CreateAll(temp);
        var (first, exportFolder) = await LocalJobExporter.ExportAsync(folder, ExampleJob.RequestId);
        var (second, _) = await LocalJobExporter.ExportAsync(folder, ExampleJob.RequestId);
        Assert.Equal((3L, 3L), (first.IndexItems, second.IndexItems));

        var index = new SqliteStatisticsIndex(Path.Combine(exportFolder, ExportFileNames.LocalIndex));
        var byRequest = await index.QueryByRequestAsync(ExampleJob.RequestId).ToListAsync();
        Assert.Equal([1L, 2L, 5L], byRequest.Select(i => i.FeatureId));

        var item = Assert.Single(await index.QueryByIdentifierAsync("SI21.FOI.7059004001").ToListAsync());
        Assert.Equal(ExampleJob.RequestId, item.RequestId);
        Assert.Equal(new DateTimeOffset(2020, 6, 11, 0, 0, 0, TimeSpan.Zero), item.IntervalFrom);
        Assert.Equal(new DateTimeOffset(2020, 6, 12, 0, 0, 0, TimeSpan.Zero), item.IntervalTo);
        Assert.Equal(0.38401383599010064, (double)item.Attributes["ndvi_B0_mean"]);
        Assert.Equal(112L, (long)item.Attributes["ndvi_B0_sampleCount"]);
        Assert.Equal([0L, 0, 0, 0, 0, 0, 68, 35, 6, 0], (long[])item.Attributes["ndvi_B0_counts"]);
        Assert.Equal(11, ((double[])item.Attributes["ndvi_B0_bins"]).Length);

        Assert.Empty(await index.QueryByIdentifierAsync("SI21.FOI.6681475001").ToListAsync()); // failed feature 4
        Assert.Empty(await index.QueryByRequestAsync("other").ToListAsync());
    }

    [Fact]
    public async Task Identifier_history_spans_jobs_in_interval_order_and_keeps_nan()
    {
        using var temp = new TempDirectory();
        var index = new SqliteStatisticsIndex(temp.Combine("index.sqlite"));
        var t = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        IndexItem Item(string request, int day, double mean) => new(request, 7, "field-7", t.AddDays(day), t.AddDays(day + 1),
            new Dictionary<string, object> { ["m"] = mean, ["c"] = 3L });

        await index.WriteAsync([Item("b", 5, 1.5), Item("a", 2, double.NaN)]);
        await index.WriteAsync([Item("a", 2, 2.5)]); // same key: replaces, no duplicate

        var history = await index.QueryByIdentifierAsync("field-7").ToListAsync();
        Assert.Equal([("a", 2.5), ("b", 1.5)], history.Select(i => (i.RequestId, (double)i.Attributes["m"])));

        await index.WriteAsync([Item("c", 9, double.NaN)]);
        Assert.True(double.IsNaN((double)(await index.QueryByRequestAsync("c").SingleAsync()).Attributes["m"]));
    }
}
