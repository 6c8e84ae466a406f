namespace BatchStats.Core.Tables;

/// <summary>
/// One entry of <c>get_failed_statistical_requests</c> (spec §13): either the full time range failed, or the
/// listed <c>(from, to)</c> intervals (the strings exactly as in the result, so they can be re-sent).
/// </summary>
public sealed record FailedRequest(string? Identifier, bool FullTimeRange, IReadOnlyList<(string From, string To)> FailedIntervals)
{
    /// <summary>The reference's literal value for a whole-feature failure.</summary>
    public const string FullTimeRangeText = "full time range";
}
