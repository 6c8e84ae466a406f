using Spectre.Console;

namespace BatchStats.Cli;

/// <summary>
/// Where a command writes: plain writers for machine-readable lines and a Spectre console on stdout for styled
/// text. Spectre drops colours by itself when the output is redirected.
/// </summary>
public sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
        var redirected = !ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });

        // Never hard-wrap our lines: problem lists are read by scripts too.
        Console.Profile.Width = Math.Max(Console.Profile.Width, 4096);
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }
}
