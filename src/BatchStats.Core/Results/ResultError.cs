namespace BatchStats.Core.Results;

/// <summary>
/// An error object <c>{"type": …, "message"?: …}</c> (§9.3). Never written as a bare string.
/// </summary>
public sealed record ResultError(string Type, string? Message = null)
{
    public const string BadRequest = "BAD_REQUEST";
    public const string ExecutionError = "EXECUTION_ERROR";
    public const string Timeout = "TIMEOUT";
}
