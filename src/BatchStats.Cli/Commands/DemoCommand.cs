using System.CommandLine;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats demo</c> (cli-contract.md). Placeholder until its issue lands.</summary>
public sealed class DemoCommand : PlaceholderCommand
{
    protected override string Name => "demo";

    protected override string Description => "the offline end-to-end demonstration";

    protected override void AddArguments(Command command)
    {
        command.Options.Add(new Option<bool>("--online") { Description = "use the public STAC API and COGs instead of the bundled data" });
    }
}
