using System.CommandLine;
using BatchStats.Engine.Local;
using Spectre.Console;

namespace BatchStats.Cli;

/// <summary>
/// Where a command writes: plain writers for machine-readable lines and a Spectre console on stdout for styled
/// text. Colours and live widgets only when stdout is the real, unredirected console and NO_COLOR is unset.
/// </summary>
public sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
        IsTerminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var colours = IsTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colours ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colours ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });

        // Never hard-wrap redirected lines: problem lists and tables are read by scripts too.
        if (!IsTerminal)
        {
            Console.Profile.Width = Math.Max(Console.Profile.Width, 4096);
        }
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    /// <summary>stdout is an interactive terminal: live progress bars instead of periodic lines.</summary>
    public bool IsTerminal { get; }

    public GlobalOptions Globals { get; } = new();

    /// <summary>
    /// This process's command line when it may start a copy of itself (<see cref="Infrastructure.JitProfile"/>): set by
    /// <c>Main</c> only, so in-process callers (tests, <c>serve</c>) always run jobs in their own process.
    /// </summary>
    public IReadOnlyList<string>? RelaunchArguments { get; init; }

    /// <summary>Set from <c>--verbose</c> before a command's action runs.</summary>
    public bool Verbose { get; private set; }

    /// <summary>Set from <c>--state</c>; null = $BATCHSTATS_HOME, else ~/.batchstats.</summary>
    public string? StateDirectory { get; private set; }

    public void Bind(ParseResult parse)
    {
        Verbose = parse.GetValue(Globals.Verbose);
        StateDirectory = parse.GetValue(Globals.State);
    }

    /// <summary>A diagnostic line on stderr, only with <c>--verbose</c>.</summary>
    public void Debug(string message)
    {
        if (Verbose)
        {
            Error.WriteLine($"[verbose] {message}");
        }
    }

    /// <summary>The embedded engine on this context's state folder.</summary>
    public LocalEngine CreateEngine(string? stac = null, int? workers = null, string? baseDirectory = null, HttpClient? http = null)
    {
        var options = new LocalEngineOptions
        {
            StateDirectory = StateDirectory,
            Stac = stac,
            Workers = workers is > 0 ? workers.Value : Environment.ProcessorCount,
            BaseDirectory = baseDirectory,
            Http = http,
        };
        var engine = new LocalEngine(options);
        Debug($"state folder {engine.StateDirectory}; STAC {engine.Stac ?? "Earth Search v1 (default)"}; workers {options.Workers}");
        return engine;
    }
}
