namespace BatchStats.Engine.Processing;

/// <summary>
/// The per-feature work (GeoPackage → grid and mask → imagery → evalscript → statistics → result document).
/// The runner owns everything around it: chunking, skipping finished features, writing files, progress, retries.
/// </summary>
public interface IFeatureProcessor
{
    /// <summary>
    /// The features at positions <c>[firstIndex, firstIndex + count)</c> in GeoPackage order: cheap (attributes only),
    /// so the runner can skip features whose result file already exists.
    /// </summary>
    Task<IReadOnlyList<FeatureKey>> DescribeAsync(JobContext job, long firstIndex, int count, CancellationToken ct);

    /// <summary>
    /// Processes <paramref name="features"/> (a subset of one chunk, in order) and yields one outcome per feature as
    /// soon as it is ready. A feature-level problem is a failed outcome with an error document; throwing means the
    /// whole chunk attempt crashed and will be retried (features already yielded are kept).
    /// </summary>
    IAsyncEnumerable<FeatureOutcome> ProcessAsync(JobContext job, IReadOnlyList<FeatureKey> features, CancellationToken ct);

    /// <summary>
    /// What <see cref="ProcessAsync"/> charged (S33, PU) when it produced each of <paramref name="results"/> (documents
    /// of one chunk, in order), recomputed without reading pixels: the runner recounts a feature whose document an
    /// earlier attempt wrote but never committed, and its cost must be counted like its done count and intervals.
    /// One value per result, in order; an error document costs what a failed outcome is charged.
    /// </summary>
    Task<IReadOnlyList<double>> CostOfWrittenResultsAsync(JobContext job, IReadOnlyList<WrittenResult> results, CancellationToken ct);
}
