using System.Text.Json;

namespace BatchStats.Core.Tables;

/// <summary>
/// Turns per-feature result JSON into table rows exactly like sentinelhub-py's
/// <c>statistical_to_dataframe</c> (spec §12), plus the failures of each feature for <c>failures.csv</c>.
/// Works on the raw JSON, so it does not depend on any result object model.
/// </summary>
public static class StatisticsFlattener
{
    private const string PercentilesKey = "percentiles";

    /// <summary>Parses one per-feature file (batch <c>{"id","identifier","response"}</c>) or one sync response.</summary>
    /// <param name="index">Position of the result in its list: the identifier and id of a sync result (§12 rule 1).</param>
    public static FeatureOutcome FlattenFeature(ReadOnlyMemory<byte> utf8Json, long index = 0, FlattenOptions? options = null)
    {
        using var document = JsonDocument.Parse(utf8Json);
        return FlattenFeature(document.RootElement, index, options);
    }

    /// <inheritdoc cref="FlattenFeature(ReadOnlyMemory{byte}, long, FlattenOptions?)"/>
    public static FeatureOutcome FlattenFeature(JsonElement result, long index = 0, FlattenOptions? options = null)
    {
        options ??= FlattenOptions.Default;
        if (result.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Result {index}: expected a JSON object, got {result.ValueKind}.");
        }

        return StatisticsJson.TryGetProperty(result, "id", out _)
            ? FlattenBatch(result, options)
            : FlattenSync(result, index, options);
    }

    /// <summary>
    /// The whole list, like <c>statistical_to_dataframe(result_data)</c>: rows of every used feature in order.
    /// Unlike pandas it returns an empty sequence when every feature was dropped.
    /// </summary>
    public static IEnumerable<StatisticsRow> FlattenResults(JsonElement resultList, FlattenOptions? options = null)
    {
        if (resultList.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"Result list: expected a JSON array, got {resultList.ValueKind}.");
        }

        long index = 0;
        foreach (var result in resultList.EnumerateArray())
        {
            foreach (var row in FlattenFeature(result, index++, options).Rows)
            {
                yield return row;
            }
        }
    }

    private static FeatureOutcome FlattenBatch(JsonElement result, FlattenOptions options)
    {
        var idElement = result.GetProperty("id");
        var id = StatisticsJson.ReadInt64(idElement, "Result file: 'id'");
        var where = $"Feature {id}";
        if (!StatisticsJson.TryGetProperty(result, "identifier", out var identifierElement))
        {
            // The reference raises KeyError here (§12 rule 1); §9.2 rule 9 makes the key mandatory.
            throw new FormatException($"{where}: 'identifier' is missing (it must be present, null allowed).");
        }

        var identifier = identifierElement.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => identifierElement.GetString(),
            _ => identifierElement.GetRawText(),
        };

        if (StatisticsJson.TryGetProperty(result, "error", out var topError))
        {
            var (type, message) = StatisticsJson.ReadError(topError);
            return new FeatureOutcome(id, identifier, FeatureDisposition.Dropped, [],
                [new FeatureFailure(id, identifier, FailureLevel.Feature, null, null, type, message)]);
        }

        var response = StatisticsJson.RequireObject(result, "response", where);
        var status = StatisticsJson.TryGetProperty(response, "status", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : throw new FormatException($"{where}: 'response.status' must be a string.");
        StatisticsJson.TryGetProperty(response, "data", out var data);

        var failures = CollectIntervalFailures(id, identifier, data, where);
        if (status == "FAILED" && failures.Count == 0)
        {
            failures.Add(new FeatureFailure(id, identifier, FailureLevel.Feature, null, null, "FAILED",
                "response.status is FAILED and no interval carries an error"));
        }

        var disposition = status switch
        {
            "OK" => FeatureDisposition.Used,
            "PARTIAL" when options.KeepPartialIntervals => FeatureDisposition.UsedPartially,
            _ => FeatureDisposition.Dropped,
        };

        IReadOnlyList<StatisticsRow> rows = disposition == FeatureDisposition.Dropped
            ? []
            : ExtractRows(id, identifier, data, options, where);
        return new FeatureOutcome(id, identifier, disposition, rows, failures);
    }

    private static FeatureOutcome FlattenSync(JsonElement result, long index, FlattenOptions options)
    {
        var identifier = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var where = $"Sync result {index}";
        if (StatisticsJson.TryGetProperty(result, "error", out var topError))
        {
            var (type, message) = StatisticsJson.ReadError(topError);
            return new FeatureOutcome(index, identifier, FeatureDisposition.Dropped, [],
                [new FeatureFailure(index, identifier, FailureLevel.Feature, null, null, type, message)]);
        }

        if (!StatisticsJson.TryGetProperty(result, "data", out var data))
        {
            return new FeatureOutcome(index, identifier, FeatureDisposition.Dropped, [], []);
        }

        var failures = CollectIntervalFailures(index, identifier, data, where);
        var rows = ExtractRows(index, identifier, data, options, where);
        return new FeatureOutcome(index, identifier, FeatureDisposition.Used, rows, failures);
    }

    private static List<FeatureFailure> CollectIntervalFailures(long id, string? identifier, JsonElement data, string where)
    {
        var failures = new List<FeatureFailure>();
        if (data.ValueKind != JsonValueKind.Array)
        {
            return failures;
        }

        foreach (var entry in data.EnumerateArray())
        {
            if (!StatisticsJson.TryGetProperty(entry, "error", out var error))
            {
                continue;
            }

            var interval = StatisticsJson.RequireObject(entry, "interval", where);
            var (type, message) = StatisticsJson.ReadError(error);
            failures.Add(new FeatureFailure(id, identifier, FailureLevel.Interval,
                interval.GetProperty("from").GetString(), interval.GetProperty("to").GetString(), type, message));
        }

        return failures;
    }

    private static List<StatisticsRow> ExtractRows(long id, string? identifier, JsonElement data, FlattenOptions options, string where)
    {
        var rows = new List<StatisticsRow>();
        if (data.ValueKind != JsonValueKind.Array)
        {
            return rows;
        }

        foreach (var entry in data.EnumerateArray())
        {
            // §12 rule 2: only interval entries that have outputs; error entries are skipped.
            if (!StatisticsJson.TryGetProperty(entry, "outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var columns = new List<KeyValuePair<string, StatisticValue>>();
            foreach (var output in outputs.EnumerateObject())
            {
                AddOutputColumns(output, columns, options, where);
            }

            // §12 rule 3: intervals whose bands were all skipped give no row.
            if (columns.Count == 0)
            {
                continue;
            }

            var interval = StatisticsJson.RequireObject(entry, "interval", where);
            rows.Add(new StatisticsRow(id, identifier,
                StatisticsJson.ReadTimestamp(interval, "from", where),
                StatisticsJson.ReadTimestamp(interval, "to", where),
                columns));
        }

        return rows;
    }

    private static void AddOutputColumns(JsonProperty output, List<KeyValuePair<string, StatisticValue>> columns,
        FlattenOptions options, string where)
    {
        var outputWhere = $"{where}, output '{output.Name}'";
        var bands = StatisticsJson.RequireObject(output.Value, "bands", outputWhere);
        foreach (var band in bands.EnumerateObject())
        {
            var bandWhere = $"{outputWhere}, band '{band.Name}'";
            var stats = StatisticsJson.RequireObject(band.Value, "stats", bandWhere);
            var sampleCount = StatisticsJson.ReadInt64(stats.GetProperty("sampleCount"), $"{bandWhere}: stats.sampleCount");
            var noDataCount = StatisticsJson.ReadInt64(stats.GetProperty("noDataCount"), $"{bandWhere}: stats.noDataCount");

            // The reference `break`s: this band and every later band of THIS output are skipped (§12 rule 2).
            if (sampleCount == noDataCount)
            {
                break;
            }

            var prefix = output.Name + "_" + band.Name + "_";
            foreach (var stat in stats.EnumerateObject())
            {
                if (options.ExcludeStats.Contains(stat.Name))
                {
                    continue;
                }

                if (stat.Name == PercentilesKey)
                {
                    foreach (var percentile in stat.Value.EnumerateObject())
                    {
                        var name = prefix + PercentilesKey + "_" + percentile.Name;
                        columns.Add(new(name, StatisticValue.FromDouble(StatisticsJson.ReadDouble(percentile.Value, $"{bandWhere}: {name}"))));
                    }
                }
                else if (StatisticNames.IsCount(stat.Name))
                {
                    columns.Add(new(prefix + stat.Name, StatisticValue.FromInt64(StatisticsJson.ReadInt64(stat.Value, $"{bandWhere}: stats.{stat.Name}"))));
                }
                else
                {
                    columns.Add(new(prefix + stat.Name, StatisticValue.FromDouble(StatisticsJson.ReadDouble(stat.Value, $"{bandWhere}: stats.{stat.Name}"))));
                }
            }

            if (StatisticsJson.TryGetProperty(band.Value, "histogram", out var histogram))
            {
                AddHistogram(histogram, prefix, columns, bandWhere);
            }
        }
    }

    private static void AddHistogram(JsonElement histogram, string prefix, List<KeyValuePair<string, StatisticValue>> columns, string where)
    {
        if (!StatisticsJson.TryGetProperty(histogram, "bins", out var binsElement) || binsElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{where}: histogram.bins must be an array.");
        }

        var n = binsElement.GetArrayLength();
        var edges = new double[n == 0 ? 0 : n + 1];
        var counts = new long[n];
        var i = 0;
        foreach (var bin in binsElement.EnumerateArray())
        {
            edges[i] = StatisticsJson.ReadDouble(bin.GetProperty("lowEdge"), $"{where}: histogram.bins[{i}].lowEdge");
            counts[i] = StatisticsJson.ReadInt64(bin.GetProperty("count"), $"{where}: histogram.bins[{i}].count");
            if (i == n - 1)
            {
                // bins = every lowEdge plus the last highEdge (n+1 values); overflow/underflow are not exported.
                edges[n] = StatisticsJson.ReadDouble(bin.GetProperty("highEdge"), $"{where}: histogram.bins[{i}].highEdge");
            }

            i++;
        }

        columns.Add(new(prefix + "bins", StatisticValue.FromBins(edges)));
        columns.Add(new(prefix + "counts", StatisticValue.FromCounts(counts)));
    }
}
