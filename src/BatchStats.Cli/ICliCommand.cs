using System.CommandLine;

namespace BatchStats.Cli;

/// <summary>One <c>batchstats</c> sub-command. Add a file under Commands/ and one line in <see cref="Program"/>.</summary>
public interface ICliCommand
{
    Command Build(CliContext context);
}
