using System.CommandLine;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats results</c> (cli-contract.md). Placeholder until its issue lands.</summary>
public sealed class ResultsCommand : PlaceholderCommand
{
    protected override string Name => "results";

    protected override string Description => "tabulate the results of a job";

    protected override void AddArguments(Command command)
    {
        command.Arguments.Add(new Argument<string>("requestId"));
    }
}
