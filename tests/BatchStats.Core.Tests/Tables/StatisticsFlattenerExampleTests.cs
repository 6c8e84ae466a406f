using BatchStats.Core.Tables;

namespace BatchStats.Core.Tests.Tables;

/// <summary>
/// The expected results of <c>statistical_to_dataframe</c> on the stored examples (SOURCES.md,
/// from sentinelhub-py tests/test_data_utils.py): distinct identifiers, columns, rows.
/// </summary>
public sealed class StatisticsFlattenerExampleTests
{
    private static readonly string[] s_referenceColumns =
    [
        "ndvi_B0_min", "ndvi_B0_max", "ndvi_B0_mean", "ndvi_B0_stDev", "ndvi_B0_sampleCount", "ndvi_B0_noDataCount",
        "ndvi_B0_percentiles_50.0", "ndvi_B0_bins", "ndvi_B0_counts", "interval_from", "interval_to", "identifier",
    ];

    [SkippableTheory]
    [InlineData(ExampleFiles.Batch, 2, 2)]
    [InlineData(ExampleFiles.BatchFailed, 1, 1)]
    [InlineData(ExampleFiles.Sync, 1, 1)]
    [InlineData(ExampleFiles.SyncPartial, 1, 1)]
    public void Reproduces_reference_identifier_column_and_row_counts(string file, int identifiers, int rows)
    {
        using var document = ExampleFiles.Load(file);
        var table = StatisticsFlattener.FlattenResults(document.RootElement).ToList();
        var builder = new StatisticsSchemaBuilder();
        builder.ObserveAll(table);

        Assert.Equal(rows, table.Count);
        Assert.Equal(identifiers, table.Select(r => r.Identifier).Distinct().Count());

        // The reference's 12 columns, in its order, and ours with the leading id (13).
        var reference = builder.Build(includeId: false);
        Assert.Equal(s_referenceColumns, reference.ColumnNames);
        var ours = builder.Build();
        Assert.Equal(["id", .. s_referenceColumns], ours.ColumnNames);
        Assert.Equal(13, ours.Columns.Count);
    }

    [SkippableFact]
    public void Schema_types_follow_section_12()
    {
        using var document = ExampleFiles.Load(ExampleFiles.Batch);
        var builder = new StatisticsSchemaBuilder();
        builder.ObserveAll(StatisticsFlattener.FlattenResults(document.RootElement));
        var types = builder.Build().Columns.ToDictionary(c => c.Name, c => c.Type);

        Assert.Equal(TableColumnType.Int64, types["id"]);
        Assert.Equal(TableColumnType.Float64, types["ndvi_B0_mean"]);
        Assert.Equal(TableColumnType.Float64, types["ndvi_B0_percentiles_50.0"]);
        Assert.Equal(TableColumnType.Int64, types["ndvi_B0_sampleCount"]);
        Assert.Equal(TableColumnType.Int64, types["ndvi_B0_noDataCount"]);
        Assert.Equal(TableColumnType.Float64List, types["ndvi_B0_bins"]);
        Assert.Equal(TableColumnType.Int64List, types["ndvi_B0_counts"]);
        Assert.Equal(TableColumnType.TimestampUtc, types["interval_from"]);
        Assert.Equal(TableColumnType.String, types["identifier"]);
    }

    [SkippableFact]
    public void Batch_values_match_the_json_of_feature_1()
    {
        using var document = ExampleFiles.Load(ExampleFiles.Batch);
        var rows = StatisticsFlattener.FlattenResults(document.RootElement).ToList();
        var first = rows[0];

        // Values copied from batch_stat_results.json, feature id 1, interval 2020-06-11 (spec §9.2 example).
        Assert.Equal(1, first.Id);
        Assert.Equal("SI21.FOI.7059004001", first.Identifier);
        Assert.Equal(new DateTimeOffset(2020, 6, 11, 0, 0, 0, TimeSpan.Zero), first.IntervalFrom);
        Assert.Equal(new DateTimeOffset(2020, 6, 12, 0, 0, 0, TimeSpan.Zero), first.IntervalTo);
        Assert.Equal(TimeSpan.Zero, first.IntervalFrom.Offset);
        Assert.Equal(0.38401383599010064, first["ndvi_B0_mean"].AsDouble());
        Assert.Equal(0.23480869829654694, first["ndvi_B0_min"].AsDouble());
        Assert.Equal(0.7734549045562744, first["ndvi_B0_max"].AsDouble());
        Assert.Equal(0.11153442042832748, first["ndvi_B0_stDev"].AsDouble());
        Assert.Equal(112L, first["ndvi_B0_sampleCount"].AsInt64());
        Assert.Equal(3L, first["ndvi_B0_noDataCount"].AsInt64());
        Assert.Equal(0.3445783257484436, first["ndvi_B0_percentiles_50.0"].AsDouble());
        Assert.Equal([0L, 0, 0, 0, 0, 0, 68, 35, 6, 0], first["ndvi_B0_counts"].AsCounts());

        // bins = 10 lowEdges + the last highEdge; the last two edges are 0.8 and 1.0.
        var bins = first["ndvi_B0_bins"].AsBins();
        Assert.Equal(11, bins.Length);
        Assert.Equal(-1.0, bins[0]);
        Assert.Equal(0.8, bins[^2], 12);
        Assert.Equal(1.0, bins[^1]);

        // Feature 2 is the second row; the all-NaN 2020-06-09 intervals produce no row (§12 rule 3).
        Assert.Equal(2, rows[1].Id);
        Assert.All(rows, r => Assert.Equal(11, r.IntervalFrom.Day));
    }

    [SkippableFact]
    public void Failed_file_keeps_only_feature_5_and_reports_every_failure()
    {
        using var document = ExampleFiles.Load(ExampleFiles.BatchFailed);
        var outcomes = document.RootElement.EnumerateArray()
            .Select((r, i) => StatisticsFlattener.FlattenFeature(r, i)).ToList();

        Assert.Equal([3L, 4, 5], outcomes.Select(o => o.Id));
        Assert.Equal(
            [FeatureDisposition.Dropped, FeatureDisposition.Dropped, FeatureDisposition.Used],
            outcomes.Select(o => o.Disposition));
        Assert.Equal("SI21.FOI.6828863001", Assert.Single(outcomes[2].Rows).Identifier);

        // id 3: status FAILED with data null → one feature-level failure; id 4: top-level EXECUTION_ERROR.
        var f3 = Assert.Single(outcomes[0].Failures);
        Assert.Equal((FailureLevel.Feature, "FAILED"), (f3.Level, f3.ErrorType));
        var f4 = Assert.Single(outcomes[1].Failures);
        Assert.Equal((FailureLevel.Feature, "EXECUTION_ERROR"), (f4.Level, f4.ErrorType));
        var f5 = Assert.Single(outcomes[2].Failures);
        Assert.Equal((FailureLevel.Interval, "EXECUTION_ERROR", "2020-06-09T00:00:00Z", "2020-06-10T00:00:00Z"),
            (f5.Level, f5.ErrorType, f5.IntervalFrom, f5.IntervalTo));
    }

    [SkippableFact]
    public void Sync_results_are_identified_by_list_index()
    {
        using var document = ExampleFiles.Load(ExampleFiles.SyncPartial);
        var row = Assert.Single(StatisticsFlattener.FlattenResults(document.RootElement));

        Assert.Equal("0", row.Identifier);
        Assert.Equal(0, row.Id);
        Assert.Equal(new DateTimeOffset(2020, 6, 12, 0, 0, 0, TimeSpan.Zero), row.IntervalFrom);
        Assert.Equal(0.38401383599010064, row["ndvi_B0_mean"].AsDouble());
    }
}
