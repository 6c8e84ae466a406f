using System.CommandLine;
using BatchStats.Core.Requests;
using BatchStats.Engine.Jobs;

namespace BatchStats.Cli.Infrastructure;

/// <summary>
/// Runs a command body and turns failures into the contract's output: one line naming the command and the problem,
/// an optional <c>hint:</c> line, the exit code; stack traces only with <c>--verbose</c>.
/// </summary>
public static class CommandExecution
{
    public static int Run(CliContext context, string command, ParseResult parse, Func<CancellationToken, Task<int>> body)
    {
        context.Bind(parse);
        try
        {
            return body(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (CliUserException e)
        {
            context.Error.WriteLine($"batchstats {command}: {e.Message}");
            if (e.Hint is not null)
            {
                context.Error.WriteLine($"hint: {e.Hint}");
            }

            context.Debug(e.ToString());
            return e.ExitCode;
        }
        catch (JobNotFoundException e)
        {
            context.Error.WriteLine($"batchstats {command}: unknown request id '{e.RequestId}' (see `batchstats list`)");
            return ExitCodes.Failed;
        }
        catch (RequestValidationException e)
        {
            foreach (var problem in e.Problems)
            {
                context.Error.WriteLine(problem.Path.Length == 0 ? problem.Message : $"{problem.Path}: {problem.Message}");
            }

            context.Error.WriteLine($"batchstats {command}: invalid request ({e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")})");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Error.WriteLine($"batchstats {command}: error: {e.Message}");
            if (context.Verbose)
            {
                context.Error.WriteLine(e.ToString());
            }
            else
            {
                context.Error.WriteLine("hint: re-run with --verbose for diagnostic details");
            }

            return ExitCodes.Failed;
        }
    }
}
