using BatchStats.Core.Tables;
using BatchStats.Export.Parquet;

namespace BatchStats.Export;

/// <summary>What <see cref="ExportService"/> writes and how.</summary>
public sealed record ExportOptions
{
    /// <summary>
    /// The table schema. Prefer the one derived from the job's calculations
    /// (<see cref="StatisticsTableSchema.FromDeclaredOutputs"/>): it is identical for every job with the same
    /// calculations, whatever the data. When null the export makes a first pass over the documents
    /// (<see cref="SchemaDiscoveryLimit"/>) to discover the columns in first-seen order.
    /// </summary>
    public StatisticsTableSchema? Schema { get; init; }

    /// <summary>Documents scanned to discover the schema when <see cref="Schema"/> is null; null = all (exact, costs a second read).</summary>
    public int? SchemaDiscoveryLimit { get; init; }

    public FlattenOptions Flatten { get; init; } = FlattenOptions.Default;

    public ParquetExportOptions Parquet { get; init; } = new();

    public bool WriteCsv { get; init; } = true;

    /// <summary>Index items sent per <c>IStatisticsIndex.WriteAsync</c> call.</summary>
    public int IndexBatchSize { get; init; } = 1_000;
}
