using System.CommandLine;

namespace BatchStats.Cli;

/// <summary>Options every command accepts (recursive on the root command).</summary>
public sealed class GlobalOptions
{
    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "diagnostic logs on stderr, including stack traces of unexpected errors",
        Recursive = true,
    };

    public Option<string?> State { get; } = new("--state")
    {
        Description = "state folder with jobs/ and buckets/ (default: $BATCHSTATS_HOME, else ~/.batchstats)",
        Recursive = true,
        HelpName = "dir",
    };
}
