using System.CommandLine;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats restart</c> (cli-contract.md). Placeholder until its issue lands.</summary>
public sealed class RestartCommand : PlaceholderCommand
{
    protected override string Name => "restart";

    protected override string Description => "restart a stopped or failed job";

    protected override void AddArguments(Command command)
    {
        command.Arguments.Add(new Argument<string>("requestId"));
    }
}
