using System.CommandLine;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats status</c> (cli-contract.md). Placeholder until its issue lands.</summary>
public sealed class StatusCommand : PlaceholderCommand
{
    protected override string Name => "status";

    protected override string Description => "show the status of a job";

    protected override void AddArguments(Command command)
    {
        command.Arguments.Add(new Argument<string>("requestId"));
    }
}
