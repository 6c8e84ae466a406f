namespace BatchStats.Export.Parquet;

/// <summary>Parquet layout knobs. Defaults suit a 700 000-feature × 365-interval job.</summary>
public sealed record ParquetExportOptions
{
    /// <summary>
    /// Rows per row group. 65 536 keeps one buffered group at roughly 65 536 × (columns × 8 B + histograms)
    /// (≈ 25 MB with a 20-bin histogram), well inside a Lambda, while groups stay large enough for scans.
    /// </summary>
    public int RowGroupSize { get; init; } = 65_536;

    /// <summary>Zstd (default) or Snappy: both read by DuckDB, Arrow, Spark and Athena.</summary>
    public global::Parquet.CompressionMethod Compression { get; init; } = global::Parquet.CompressionMethod.Zstd;
}
