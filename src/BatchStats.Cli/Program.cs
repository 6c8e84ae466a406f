using System.CommandLine;
using BatchStats.Cli.Commands;

namespace BatchStats.Cli;

public static class Program
{
    /// <summary>The registered commands, in help order.</summary>
    private static IEnumerable<ICliCommand> Commands() =>
    [
        new ValidateCommand(),
        new RunCommand(),
        new StatusCommand(),
        new WatchCommand(),
        new RestartCommand(),
        new ListCommand(),
        new ExportCommand(),
        new ServeCommand(),
        new DemoCommand(),
        new PlotCommand(),
        new ResultsCommand(),
    ];

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point for in-process tests: all output goes to the given writers.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("batchstats: Sentinel Hub compatible Batch Statistical API, locally or on AWS");
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command.Build(context));
        }

        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Contract: never a stack trace for a user error.
            error.WriteLine($"batchstats: error: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
