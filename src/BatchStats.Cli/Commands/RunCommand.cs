using System.CommandLine;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats run</c> (cli-contract.md). Placeholder until its issue lands.</summary>
public sealed class RunCommand : PlaceholderCommand
{
    protected override string Name => "run";

    protected override string Description => "create, analyse and run a job to the end, then export Parquet/CSV";

    protected override void AddArguments(Command command)
    {
        command.Arguments.Add(new Argument<string>("request.json"));
        command.Options.Add(new Option<string>("--stac") { Description = "STAC catalog.json or STAC API url (default: $BATCHSTATS_STAC, then Earth Search v1)" });
        command.Options.Add(new Option<int>("--workers") { Description = "parallel workers" });
        command.Options.Add(new Option<bool>("--json") { Description = "print a JSON summary as the last line" });
    }
}
