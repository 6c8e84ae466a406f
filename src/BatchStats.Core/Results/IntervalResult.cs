namespace BatchStats.Core.Results;

/// <summary>One entry of <c>data</c>: the interval and either its <c>outputs</c> or its <c>error</c>.</summary>
public sealed class IntervalResult
{
    public required ResultInterval Interval { get; init; }

    /// <summary>Output id → bands, in setup() order; null when <see cref="Error"/> is set.</summary>
    public OrderedDictionary<string, OutputResult>? Outputs { get; init; }

    public ResultError? Error { get; init; }

    public static IntervalResult Success(ResultInterval interval, OrderedDictionary<string, OutputResult> outputs) =>
        new() { Interval = interval, Outputs = outputs };

    public static IntervalResult Failure(ResultInterval interval, ResultError error) =>
        new() { Interval = interval, Error = error };
}
