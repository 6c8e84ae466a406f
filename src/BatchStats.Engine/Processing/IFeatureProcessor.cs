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
}
