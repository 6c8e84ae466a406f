namespace BatchStats.Cli.Infrastructure;

/// <summary>A user error: printed as one line (plus an optional hint), never with a stack trace.</summary>
public sealed class CliUserException(string message, string? hint = null, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public string? Hint { get; } = hint;

    public int ExitCode { get; } = exitCode;
}
