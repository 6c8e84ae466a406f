using System.CommandLine;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats plot</c> (cli-contract.md). Placeholder until its issue lands.</summary>
public sealed class PlotCommand : PlaceholderCommand
{
    protected override string Name => "plot";

    protected override string Description => "plot the statistics of a job";

    protected override void AddArguments(Command command)
    {
        command.Arguments.Add(new Argument<string>("requestId"));
        command.Options.Add(new Option<string>("--field") { Description = "feature id to plot" });
    }
}
