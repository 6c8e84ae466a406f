namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats list</c> (cli-contract.md). Placeholder until its issue lands.</summary>
public sealed class ListCommand : PlaceholderCommand
{
    protected override string Name => "list";

    protected override string Description => "list jobs";
}
