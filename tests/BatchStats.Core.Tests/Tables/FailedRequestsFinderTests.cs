using BatchStats.Core.Tables;

namespace BatchStats.Core.Tests.Tables;

/// <summary><c>get_failed_statistical_requests</c> on the stored examples (spec §13, SOURCES.md).</summary>
public sealed class FailedRequestsFinderTests
{
    [SkippableTheory]
    [InlineData(ExampleFiles.BatchFailed, 3)]
    [InlineData(ExampleFiles.Batch, 0)]
    [InlineData(ExampleFiles.SyncPartial, 1)]
    [InlineData(ExampleFiles.Sync, 0)]
    public void Entry_counts_match_the_reference(string file, int expected)
    {
        using var document = ExampleFiles.Load(file);
        Assert.Equal(expected, FailedRequestsFinder.Find(document.RootElement).Count);
    }

    [SkippableFact]
    public void Batch_failures_have_the_exact_intervals()
    {
        using var document = ExampleFiles.Load(ExampleFiles.BatchFailed);
        var failed = FailedRequestsFinder.Find(document.RootElement);

        Assert.Equal(("SI21.FOI.6620269001", true), (failed[0].Identifier, failed[0].FullTimeRange));
        Assert.Equal(("SI21.FOI.6681475001", true), (failed[1].Identifier, failed[1].FullTimeRange));
        Assert.Equal(("SI21.FOI.6828863001", false), (failed[2].Identifier, failed[2].FullTimeRange));
        Assert.Equal([("2020-06-09T00:00:00Z", "2020-06-10T00:00:00Z")], failed[2].FailedIntervals);
    }

    [SkippableFact]
    public void Sync_partial_failure_is_the_error_interval_of_index_0()
    {
        using var document = ExampleFiles.Load(ExampleFiles.SyncPartial);
        var entry = Assert.Single(FailedRequestsFinder.Find(document.RootElement));

        Assert.Equal("0", entry.Identifier);
        Assert.False(entry.FullTimeRange);
        Assert.Equal([("2020-06-07T00:00:00Z", "2020-06-08T00:00:00Z")], entry.FailedIntervals);
    }

    [Fact]
    public void Sync_result_with_null_data_and_no_error_is_a_clear_error()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""[{"data": null, "status": "FAILED"}]""");
        var ex = Assert.Throws<FormatException>(() => FailedRequestsFinder.Find(document.RootElement));
        Assert.Contains("'data'", ex.Message, StringComparison.Ordinal);
    }
}
