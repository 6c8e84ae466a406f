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
        new CompletionCommand(),
    ];

    public const string Description =
        "batchstats: Sentinel Hub compatible Batch Statistical API, locally or on AWS. Start with `batchstats demo`.\n" +
        "Exit codes: 0 success (run: job DONE, also with some failed features) · 1 job FAILED/STOPPED, unknown id or other error · " +
        "2 invalid request (validate, run). Colours are off when stdout is not a terminal or NO_COLOR is set; " +
        "shell completion: source <(batchstats completion bash).";

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, relaunchable: true);

    /// <summary>Entry point for in-process tests: all output goes to the given writers.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, relaunchable: false);

    private static int Run(string[] args, TextWriter output, TextWriter error, bool relaunchable)
    {
        var context = new CliContext(output, error) { RelaunchArguments = relaunchable ? args : null };
        var root = new RootCommand(Description);
        root.Options.Add(context.Globals.Verbose);
        root.Options.Add(context.Globals.State);
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
