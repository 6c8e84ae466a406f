using System.Text;
using System.Text.Json;
using BatchStats.Core.Tables;

namespace BatchStats.Core.Tests.Tables;

/// <summary>The individual rules of spec §12 on small hand-written documents.</summary>
public sealed class StatisticsFlattenerRuleTests
{
    private static string Band(int sampleCount, int noDataCount, string mean = "0.5") =>
        "{\"stats\": {\"min\": 0.0, \"max\": 1.0, \"mean\": " + mean + ", \"stDev\": 0.1, \"sampleCount\": " + sampleCount +
        ", \"noDataCount\": " + noDataCount + "}}";

    private static string Bands(params (string Name, string Json)[] bands) =>
        "{\"bands\": {" + string.Join(", ", bands.Select(b => "\"" + b.Name + "\": " + b.Json)) + "}}";

    private static string Outputs(params (string Name, string Json)[] outputs) =>
        "{" + string.Join(", ", outputs.Select(o => "\"" + o.Name + "\": " + o.Json)) + "}";

    private static string OneBand(string band) => Outputs(("a", Bands(("B0", band))));

    private static string Interval(string day, string outputs) =>
        "{\"interval\": {\"from\": \"2021-01-" + day + "T00:00:00Z\", \"to\": \"2021-01-" + day + "T23:59:59Z\"}, \"outputs\": " + outputs + "}";

    private static string Feature(string status, params string[] entries) =>
        "{\"id\": 7, \"identifier\": \"f7\", \"response\": {\"data\": [" + string.Join(", ", entries) + "], \"status\": \"" + status + "\"}}";

    private static FeatureOutcome Flatten(string json, FlattenOptions? options = null) =>
        StatisticsFlattener.FlattenFeature(Encoding.UTF8.GetBytes(json), 0, options);

    [Fact]
    public void All_no_data_band_breaks_the_rest_of_its_output_but_not_other_outputs()
    {
        // a: B0 has data, B1 all no-data → B1 and B2 skipped; b: B0 all no-data → whole output skipped; c kept.
        var outputs = Outputs(
            ("a", Bands(("B0", Band(10, 2)), ("B1", Band(10, 10)), ("B2", Band(10, 0)))),
            ("b", Bands(("B0", Band(5, 5)), ("B1", Band(5, 0)))),
            ("c", Bands(("x", Band(4, 1)))));
        var row = Assert.Single(Flatten(Feature("OK", Interval("05", outputs))).Rows);

        var names = row.Columns.Select(c => c.Key).ToList();
        Assert.Equal(
            ["a_B0_min", "a_B0_max", "a_B0_mean", "a_B0_stDev", "a_B0_sampleCount", "a_B0_noDataCount",
             "c_x_min", "c_x_max", "c_x_mean", "c_x_stDev", "c_x_sampleCount", "c_x_noDataCount"],
            names);
    }

    [Fact]
    public void Interval_with_every_band_skipped_gives_no_row()
    {
        var row = Assert.Single(Flatten(Feature("OK", Interval("05", OneBand(Band(3, 3))), Interval("06", OneBand(Band(3, 1))))).Rows);
        Assert.Equal(6, row.IntervalFrom.Day);
    }

    [Fact]
    public void Partial_features_are_dropped_unless_the_switch_keeps_their_good_intervals()
    {
        const string error = """{"interval": {"from": "2021-01-04T00:00:00Z", "to": "2021-01-05T00:00:00Z"}, "error": {"type": "TIMEOUT", "message": "budget"}}""";
        var json = Feature("PARTIAL", error, Interval("05", OneBand(Band(3, 1))));
        var dropped = Flatten(json);
        var kept = Flatten(json, new FlattenOptions { KeepPartialIntervals = true });

        Assert.Equal(FeatureDisposition.Dropped, dropped.Disposition);
        Assert.Empty(dropped.Rows);
        Assert.Equal(FeatureDisposition.UsedPartially, kept.Disposition);
        Assert.Equal(5, Assert.Single(kept.Rows).IntervalFrom.Day);

        // The failure is reported either way, with our optional message.
        var failure = Assert.Single(dropped.Failures);
        Assert.Equal(("TIMEOUT", "budget", "2021-01-04T00:00:00Z"), (failure.ErrorType, failure.Message, failure.IntervalFrom));
    }

    [Theory]
    [InlineData("\"NaN\"", double.NaN)]
    [InlineData("\"Infinity\"", double.PositiveInfinity)]
    [InlineData("\"-Infinity\"", double.NegativeInfinity)]
    [InlineData("8.0", 8.0)]
    public void Special_number_strings_become_ieee_values(string json, double expected)
    {
        var row = Assert.Single(Flatten(Feature("OK", Interval("05", OneBand(Band(3, 1, json))))).Rows);
        Assert.Equal(expected, row["a_B0_mean"].AsDouble());
    }

    [Fact]
    public void Unknown_number_string_names_the_field()
    {
        var json = Feature("OK", Interval("05", OneBand(Band(3, 1, "\"oops\""))));
        var ex = Assert.Throws<FormatException>(() => Flatten(json));
        Assert.Contains("stats.mean", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'oops'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exclude_stats_removes_columns_but_not_histograms()
    {
        var band = """{"stats": {"min": 0.0, "max": 1.0, "mean": 0.5, "stDev": 0.1, "sampleCount": 4, "noDataCount": 0, "percentiles": {"10.0": 0.1}}, "histogram": {"bins": [{"lowEdge": 0, "highEdge": 1, "count": 3}, {"lowEdge": 1, "highEdge": 2, "count": 1}], "overflowCount": 0, "underflowCount": 0}}""";
        var json = Feature("OK", Interval("05", OneBand(band)));
        var options = new FlattenOptions { ExcludeStats = new HashSet<string> { "stDev", "percentiles" } };
        var row = Assert.Single(Flatten(json, options).Rows);

        Assert.Equal(["a_B0_min", "a_B0_max", "a_B0_mean", "a_B0_sampleCount", "a_B0_noDataCount", "a_B0_bins", "a_B0_counts"],
            row.Columns.Select(c => c.Key));
        Assert.Equal([0.0, 1.0, 2.0], row["a_B0_bins"].AsBins());
        Assert.Equal([3L, 1L], row["a_B0_counts"].AsCounts());
    }

    [Fact]
    public void Missing_identifier_is_an_error_but_null_is_allowed()
    {
        Assert.Contains("'identifier'",
            Assert.Throws<FormatException>(() => Flatten("""{"id": 1, "response": {"data": [], "status": "OK"}}""")).Message,
            StringComparison.Ordinal);

        var outcome = Flatten("{\"id\": 1, \"identifier\": null, \"response\": {\"data\": [" + Interval("05", OneBand(Band(3, 1))) + "], \"status\": \"OK\"}}");
        Assert.Null(Assert.Single(outcome.Rows).Identifier);
    }

    [Fact]
    public void Declared_schema_lists_stats_percentiles_and_histograms_in_json_order()
    {
        var schema = StatisticsTableSchema.FromDeclaredOutputs(
            [new DeclaredOutput("ndvi", [new DeclaredBand("B0", [50.0, 2.5], Histogram: true)])]);

        Assert.Equal(
            ["id", "ndvi_B0_min", "ndvi_B0_max", "ndvi_B0_mean", "ndvi_B0_stDev", "ndvi_B0_sampleCount", "ndvi_B0_noDataCount",
             "ndvi_B0_percentiles_50.0", "ndvi_B0_percentiles_2.5", "ndvi_B0_bins", "ndvi_B0_counts",
             "interval_from", "interval_to", "identifier"],
            schema.ColumnNames);
        Assert.Equal(TableColumnType.Int64List, schema.Columns[schema.IndexOf("ndvi_B0_counts")].Type);
        Assert.Equal(8, schema.StatisticIndexOf("ndvi_B0_bins"));
    }

    [Fact]
    public void Schema_builder_rejects_a_column_whose_type_changes()
    {
        var builder = new StatisticsSchemaBuilder();
        var t = DateTimeOffset.UnixEpoch;
        builder.Observe(new StatisticsRow(1, "a", t, t, [new("x", StatisticValue.FromDouble(1))]));
        var ex = Assert.Throws<FormatException>(() =>
            builder.Observe(new StatisticsRow(2, "b", t, t, [new("x", StatisticValue.FromInt64(1))])));
        Assert.Contains("'x'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_detection_is_by_the_id_key()
    {
        using var doc = JsonDocument.Parse("[{\"data\": [" + Interval("05", OneBand(Band(3, 1))) + "], \"status\": \"OK\"}]");
        var row = Assert.Single(StatisticsFlattener.FlattenResults(doc.RootElement));
        Assert.Equal("0", row.Identifier);
    }
}
