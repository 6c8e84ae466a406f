namespace BatchStats.Core.Results;

/// <summary>
/// A per-feature batch file (§9.2/§9.3): <c>{"id", "identifier", "response"}</c> or, when the whole feature
/// failed, <c>{"id", "identifier", "error"}</c>. <c>identifier</c> is always written (null allowed).
/// </summary>
public sealed class FeatureResult
{
    public required long Id { get; init; }

    public string? Identifier { get; init; }

    public StatisticalResponse? Response { get; init; }

    public ResultError? Error { get; init; }

    public static FeatureResult Success(long id, string? identifier, IReadOnlyList<IntervalResult> data) =>
        new() { Id = id, Identifier = identifier, Response = StatisticalResponse.ForBatch(data) };

    public static FeatureResult Failure(long id, string? identifier, ResultError error) =>
        new() { Id = id, Identifier = identifier, Error = error };
}
