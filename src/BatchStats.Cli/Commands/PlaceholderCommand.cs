using System.CommandLine;

namespace BatchStats.Cli.Commands;

/// <summary>
/// A contract command whose implementation has not landed in this build: one clear line, exit 1. Subclasses declare
/// the contract's arguments and options so that <c>--help</c> already shows the final interface.
/// </summary>
public abstract class PlaceholderCommand : ICliCommand
{
    protected abstract string Name { get; }

    protected abstract string Description { get; }

    public Command Build(CliContext context)
    {
        var command = new Command(Name, Description);
        AddArguments(command);
        command.SetAction(_ =>
        {
            context.Error.WriteLine($"batchstats {Name}: not yet available in this build");
            return ExitCodes.Failed;
        });
        return command;
    }

    protected virtual void AddArguments(Command command)
    {
    }
}
