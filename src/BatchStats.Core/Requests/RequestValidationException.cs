using BatchStats.Core.Validation;

namespace BatchStats.Core.Requests;

/// <summary>A request was used although it has problems; the message lists all of them.</summary>
public sealed class RequestValidationException(IReadOnlyList<ValidationProblem> problems)
    : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;
}
