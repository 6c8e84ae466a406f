using BatchStats.Core.Jobs;

namespace BatchStats.Engine.Local;

/// <summary>A progress snapshot of a running job (for progress bars): counts, PU so far, elapsed time and an ETA.</summary>
/// <param name="Eta">Remaining time at the rate observed so far; null until a feature finished.</param>
public sealed record JobProgressUpdate(
    string RequestId,
    BatchStatus Status,
    long FeaturesTotal,
    long FeaturesDone,
    long FeaturesFailed,
    long Intervals,
    double CostPU,
    TimeSpan Elapsed,
    TimeSpan? Eta)
{
    public long FeaturesFinished => FeaturesDone + FeaturesFailed;

    public bool IsTerminal => Status is BatchStatus.Done or BatchStatus.Failed or BatchStatus.Stopped;
}
