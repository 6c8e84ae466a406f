using System.CommandLine;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats export</c> (cli-contract.md). Placeholder until its issue lands.</summary>
public sealed class ExportCommand : PlaceholderCommand
{
    protected override string Name => "export";

    protected override string Description => "(re)build the Parquet/CSV export and index";

    protected override void AddArguments(Command command)
    {
        command.Arguments.Add(new Argument<string>("requestIdOrOutputPrefix"));
    }
}
