using BatchStats.Core.Cost;
using BatchStats.Core.Requests;
using BatchStats.Geo;

namespace BatchStats.Engine.Features;

public sealed record FeatureProcessorOptions
{
    /// <summary>S33 factors; the defaults reproduce the tutorial anchor.</summary>
    public CostModel Cost { get; init; } = CostModel.Default;

    /// <summary>S12: 16 × 16 sub-sample points per pixel.</summary>
    public MaskRule MaskRule { get; init; } = MaskRule.Subsample16;

    /// <summary>How the stored request is re-validated before binding (local mode accepts paths and file:// URLs).</summary>
    public ValidationOptions Validation { get; init; } = ValidationOptions.Local;

    /// <summary>Job definitions (compiled evalscripts) kept in memory at once; older ones are rebuilt on demand.</summary>
    public int MaxCachedJobs { get; init; } = 16;
}
