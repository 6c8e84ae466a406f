using System.CommandLine;

namespace BatchStats.Cli.Commands;

/// <summary>
/// <c>batchstats completion bash|zsh</c>: prints a shell script that asks <c>batchstats [suggest:N] "line"</c>
/// (System.CommandLine's suggest directive) for completions, e.g. <c>source &lt;(batchstats completion bash)</c>.
/// </summary>
public sealed class CompletionCommand : ICliCommand
{
    public const string Bash = """
        # batchstats bash completion: source <(batchstats completion bash)
        _batchstats_complete() {
            local IFS=$'\n'
            COMPREPLY=( $(batchstats "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
        }
        complete -o default -F _batchstats_complete batchstats
        """;

    public const string Zsh = """
        # batchstats zsh completion: source <(batchstats completion zsh)
        _batchstats_complete() {
            local -a completions
            completions=("${(@f)$(batchstats "[suggest:${#BUFFER}]" "${BUFFER}" 2>/dev/null)}")
            compadd -a completions
        }
        compdef _batchstats_complete batchstats
        """;

    public Command Build(CliContext context)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "print a shell completion script: source <(batchstats completion bash)") { shell };
        command.SetAction(parse =>
        {
            context.Output.WriteLine(parse.GetValue(shell) == "zsh" ? Zsh : Bash);
            return ExitCodes.Ok;
        });
        return command;
    }
}
