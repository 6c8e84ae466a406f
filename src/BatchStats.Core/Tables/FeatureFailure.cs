namespace BatchStats.Core.Tables;

/// <summary>Where a failure applies: the whole feature, or one aggregation interval.</summary>
public enum FailureLevel
{
    Feature,
    Interval,
}

/// <summary>
/// One row of <c>failures.csv</c>: a feature-level error (top-level <c>error</c>, or <c>status FAILED</c> without
/// interval entries) or an interval entry with <c>error</c>. <see cref="ErrorType"/> is the <c>error.type</c>
/// (or the bare string of the legacy form); <see cref="Message"/> our optional <c>error.message</c>.
/// </summary>
public sealed record FeatureFailure(
    long Id,
    string? Identifier,
    FailureLevel Level,
    string? IntervalFrom,
    string? IntervalTo,
    string ErrorType,
    string? Message);
