using System.CommandLine;
using BatchStats.Cli.Infrastructure;

namespace BatchStats.Cli.Commands;

/// <summary>
/// <c>batchstats restart &lt;requestId&gt;</c>: reprocesses only failed and missing features (or resumes a job a crash
/// left in PROCESSING) and follows it to the end in this process, since the embedded engine runs jobs in-process.
/// </summary>
public sealed class RestartCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var id = new Argument<string>("requestId") { Description = "the job's request id" };
        var stac = new Option<string?>("--stac") { Description = "STAC catalog.json or STAC API url (default: $BATCHSTATS_STAC, then Earth Search v1)", HelpName = "catalog|url" };
        var workers = new Option<int?>("--workers") { Description = "chunks processed in parallel (default: one per core)", HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "print the summary as one JSON object on the last stdout line" };
        var command = new Command("restart",
            "reprocess only failed/missing features of a finished job (or resume one left PROCESSING by a crash) and wait for it. " +
            "Exit codes: 0 DONE, 1 FAILED/STOPPED, cannot restart, or unknown id")
        {
            id, stac, workers, json,
        };
        command.SetAction(parse => CommandExecution.Run(context, "restart", parse, async ct =>
        {
            var requestId = parse.GetValue(id)!;
            var asJson = parse.GetValue(json);
            await using var engine = context.CreateEngine(parse.GetValue(stac), parse.GetValue(workers));
            var evalscript = (await engine.GetAsync(requestId, ct).ConfigureAwait(false))?.Request["aggregation"]?["evalscript"];
            if (JitProfile.ContinueInChildIfJint(context, evalscript?.GetValueKind() == System.Text.Json.JsonValueKind.String ? evalscript.GetValue<string>() : null) is { } childExitCode)
            {
                return childExitCode;
            }
            try
            {
                await engine.RestartAsync(requestId, ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                throw new CliUserException(e.Message, "only DONE, FAILED or STOPPED jobs (or ones interrupted while running) can be restarted");
            }

            var reporter = new ProgressReporter(context, asJson ? context.Error : context.Output);
            var summary = await reporter.RunAsync("restart", progress => engine.WaitAsync(requestId, progress, ct)).ConfigureAwait(false);
            return RunCommand.Finish(context, "restart", summary, asJson);
        }));
        return command;
    }
}
