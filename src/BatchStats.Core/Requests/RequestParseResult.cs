using BatchStats.Core.Validation;

namespace BatchStats.Core.Requests;

/// <summary>Outcome of <see cref="BatchRequestParser.Parse"/>: every problem, and the typed request when there is none.</summary>
public sealed record RequestParseResult(BatchStatisticalRequest? Request, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Problems.Count == 0 && Request is not null;
}
