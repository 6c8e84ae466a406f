using BatchStats.Core.Tables;
using BatchStats.Export.Csv;
using BatchStats.Export.Index;
using BatchStats.Export.Parquet;

namespace BatchStats.Export;

/// <summary>
/// Per-feature JSON → <c>statistics.parquet</c>, <c>statistics.csv</c>, <c>failures.csv</c> and index items, in one
/// streaming pass (plus a schema pass when no schema is given). Memory: one Parquet row group, one feature's
/// JSON and one index batch, whatever the job size.
/// </summary>
public sealed class ExportService
{
    private readonly IStatisticsIndex? _index;

    /// <param name="index">Where to write the per-row index items; null skips indexing.</param>
    public ExportService(IStatisticsIndex? index = null)
    {
        _index = index;
    }

    /// <param name="requestId">The job id, the index partition.</param>
    /// <param name="documents">Opens the listing of <c>&lt;prefix&gt;/&lt;requestId&gt;/*.json</c>; called twice when the schema must be discovered.</param>
    /// <param name="openOutput">Creates an output by file name (<see cref="ExportFileNames"/>); the Parquet stream must be seekable.</param>
    public async Task<ExportResult> ExportAsync(string requestId, Func<IAsyncEnumerable<FeatureDocument>> documents,
        Func<string, Stream> openOutput, ExportOptions? options = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(openOutput);
        options ??= new ExportOptions();

        var schema = options.Schema ?? await DiscoverSchemaAsync(documents(), options, ct).ConfigureAwait(false);
        var files = new List<string> { ExportFileNames.Parquet, ExportFileNames.Failures };
        long features = 0, used = 0, dropped = 0, indexItems = 0;

        await using var parquetStream = openOutput(ExportFileNames.Parquet);
        await using var parquet = new ParquetStatisticsWriter(parquetStream, schema, options.Parquet);
        await using var failuresStream = openOutput(ExportFileNames.Failures);
        await using var failures = new CsvFailuresWriter(failuresStream);
        Stream? csvStream = null;
        CsvStatisticsWriter? csv = null;
        if (options.WriteCsv)
        {
            csvStream = openOutput(ExportFileNames.Csv);
            csv = new CsvStatisticsWriter(csvStream, schema);
            files.Insert(1, ExportFileNames.Csv);
        }

        try
        {
            var batch = new List<IndexItem>(options.IndexBatchSize);
            await foreach (var document in documents().WithCancellation(ct).ConfigureAwait(false))
            {
                var outcome = Flatten(document, options);
                features++;
                if (outcome.Disposition == FeatureDisposition.Dropped)
                {
                    dropped++;
                }
                else
                {
                    used++;
                }

                foreach (var failure in outcome.Failures)
                {
                    failures.Write(failure);
                }

                foreach (var row in outcome.Rows)
                {
                    await parquet.WriteAsync(row, ct).ConfigureAwait(false);
                    if (csv is not null)
                    {
                        await csv.WriteAsync(row, ct).ConfigureAwait(false);
                    }

                    if (_index is not null)
                    {
                        batch.Add(ToIndexItem(requestId, row));
                        if (batch.Count >= options.IndexBatchSize)
                        {
                            await _index.WriteAsync(batch, ct).ConfigureAwait(false);
                            indexItems += batch.Count;
                            batch = new List<IndexItem>(options.IndexBatchSize);
                        }
                    }
                }
            }

            if (_index is not null && batch.Count > 0)
            {
                await _index.WriteAsync(batch, ct).ConfigureAwait(false);
                indexItems += batch.Count;
            }

            await parquet.CompleteAsync(ct).ConfigureAwait(false);
            if (csv is not null)
            {
                await csv.CompleteAsync(ct).ConfigureAwait(false);
            }

            return new ExportResult(requestId, features, used, dropped, parquet.RowsWritten, failures.RowsWritten, indexItems, schema, files);
        }
        finally
        {
            if (csv is not null)
            {
                await csv.DisposeAsync().ConfigureAwait(false);
            }

            if (csvStream is not null)
            {
                await csvStream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The index item of a row: its statistic columns as attributes, identifier = feature id text when null (§9.2 rule 9).</summary>
    public static IndexItem ToIndexItem(string requestId, StatisticsRow row)
    {
        var attributes = new Dictionary<string, object>(row.Columns.Count, StringComparer.Ordinal);
        foreach (var (name, value) in row.Columns)
        {
            attributes[name] = value.ToObject();
        }

        return new IndexItem(requestId, row.Id,
            row.Identifier ?? row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            row.IntervalFrom, row.IntervalTo, attributes);
    }

    private static async Task<StatisticsTableSchema> DiscoverSchemaAsync(IAsyncEnumerable<FeatureDocument> documents,
        ExportOptions options, CancellationToken ct)
    {
        var builder = new StatisticsSchemaBuilder();
        var seen = 0;
        await foreach (var document in documents.WithCancellation(ct).ConfigureAwait(false))
        {
            if (options.SchemaDiscoveryLimit is { } limit && seen >= limit)
            {
                break;
            }

            builder.ObserveAll(Flatten(document, options).Rows);
            seen++;
        }

        return builder.Build();
    }

    private static FeatureOutcome Flatten(FeatureDocument document, ExportOptions options)
    {
        try
        {
            var outcome = StatisticsFlattener.FlattenFeature(document.Utf8Json, document.FeatureId, options.Flatten);
            if (outcome.Id != document.FeatureId)
            {
                throw new FormatException($"'id' is {outcome.Id} but the file is named {document.FeatureId}.json.");
            }

            return outcome;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Result file {document.FeatureId}.json: {ex.Message}", ex);
        }
    }
}
