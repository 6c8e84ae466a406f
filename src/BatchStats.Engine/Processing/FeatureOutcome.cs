namespace BatchStats.Engine.Processing;

/// <summary>
/// What processing one feature produced: the complete result document (§9.2 on success, a §9.3 error form on
/// failure), whether it counts as failed, and the intervals emitted and PU charged (S33).
/// </summary>
public sealed record FeatureOutcome(
    FeatureKey Feature,
    ReadOnlyMemory<byte> Document,
    bool Succeeded,
    int EmittedIntervals,
    double CostPU,
    string? ErrorMessage = null);
