using System.CommandLine;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats watch</c> (cli-contract.md). Placeholder until its issue lands.</summary>
public sealed class WatchCommand : PlaceholderCommand
{
    protected override string Name => "watch";

    protected override string Description => "follow a job until it ends";

    protected override void AddArguments(Command command)
    {
        command.Arguments.Add(new Argument<string>("requestId"));
    }
}
