using System.CommandLine;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats serve</c> (cli-contract.md). Placeholder until its issue lands.</summary>
public sealed class ServeCommand : PlaceholderCommand
{
    protected override string Name => "serve";

    protected override string Description => "serve the Sentinel-Hub-compatible REST API (loopback by default)";

    protected override void AddArguments(Command command)
    {
        command.Options.Add(new Option<int>("--port") { Description = "port (default 8080)" });
        command.Options.Add(new Option<string>("--stac") { Description = "STAC catalog.json or STAC API url" });
        command.Options.Add(new Option<string>("--clients") { Description = "OAuth clients file" });
    }
}
