using BatchStats.Core.Tables;

namespace BatchStats.Export.Tables;

/// <summary>A streaming sink of statistics rows (Parquet, CSV): rows go in one at a time, the file is finished on completion.</summary>
public interface IStatisticsTableWriter : IAsyncDisposable
{
    ValueTask WriteAsync(StatisticsRow row, CancellationToken ct = default);

    /// <summary>Flushes buffered rows and finishes the file. Rows written after this are an error.</summary>
    ValueTask CompleteAsync(CancellationToken ct = default);

    long RowsWritten { get; }
}
