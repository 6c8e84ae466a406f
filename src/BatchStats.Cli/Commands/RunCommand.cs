using System.CommandLine;
using BatchStats.Cli.Infrastructure;
using BatchStats.Core.Jobs;
using BatchStats.Core.Requests;
using BatchStats.Core.Validation;
using Spectre.Console;

namespace BatchStats.Cli.Commands;

/// <summary>
/// <c>batchstats run &lt;request.json&gt;</c>: create → analyse → start → process → export on the embedded engine, with
/// live progress and a summary; <c>--json</c> makes the last stdout line the contract's summary object.
/// </summary>
public sealed class RunCommand : ICliCommand
{
    public const string Description =
        "create, analyse and run a job to the end on the embedded engine, then export Parquet/CSV. " +
        "Relative paths in the request (input.features.s3.url, output.s3.url, evalscriptReference) resolve against the " +
        "request file's folder; s3://bucket/key maps to <state>/buckets/bucket/key. " +
        "Exit codes: 0 job DONE (also when some features failed), 1 job FAILED or STOPPED, 2 invalid request.";

    public Command Build(CliContext context)
    {
        var file = new Argument<string>("request.json") { Description = "the Batch Statistical request" };
        var stac = new Option<string?>("--stac") { Description = "STAC catalog.json or STAC API url (default: $BATCHSTATS_STAC, then Earth Search v1)", HelpName = "catalog|url" };
        var workers = new Option<int?>("--workers") { Description = "chunks processed in parallel (default: one per core)", HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "print the summary as one JSON object on the last stdout line" };
        var command = new Command("run", Description) { file, stac, workers, json };
        command.SetAction(parse => CommandExecution.Run(context, "run", parse, ct =>
            ExecuteAsync(context, parse.GetValue(file)!, parse.GetValue(stac), parse.GetValue(workers), parse.GetValue(json), ct)));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, string path, string? stac, int? workers, bool json, CancellationToken ct)
    {
        if (workers is < 1)
        {
            throw new CliUserException($"--workers must be at least 1 (got {workers})", exitCode: ExitCodes.InvalidInput);
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliUserException($"cannot read '{path}': {e.Message}", exitCode: ExitCodes.InvalidInput);
        }

        // Static validation first: every problem with its path, exit 2, before any job exists.
        var parsed = BatchRequestParser.Parse(text, ValidationOptions.Local);
        if (!parsed.IsValid)
        {
            throw new RequestValidationException(parsed.Problems);
        }

        if (JitProfile.ContinueInChildIfJint(context, parsed.Request!.Aggregation?.Evalscript) is { } childExitCode)
        {
            return childExitCode;
        }

        var full = Path.GetFullPath(path);
        await using var engine = context.CreateEngine(stac, workers, Path.GetDirectoryName(full));
        var reporter = new ProgressReporter(context, json ? context.Error : context.Output);
        var summary = await reporter.RunAsync("run", progress => engine.RunFileAsync(full, progress, ct)).ConfigureAwait(false);
        return Finish(context, "run", summary, json);
    }

    /// <summary>Prints the summary (table or JSON line) and maps the final status to the exit code.</summary>
    public static int Finish(CliContext context, string command, BatchStats.Engine.Local.LocalRunSummary summary, bool json)
    {
        if (json)
        {
            context.Output.WriteLine(summary.ToJson());
        }
        else
        {
            SummaryPrinter.Print(context, summary);
        }

        if (summary.Status == BatchStatus.Done)
        {
            if (summary.FeaturesFailed > 0 && !json)
            {
                context.Console.MarkupLine($"[yellow]{summary.FeaturesFailed} feature(s) failed[/]: see failures.csv, then `batchstats restart {summary.RequestId}` to retry only those");
            }

            return ExitCodes.Ok;
        }

        var reason = summary.Error is { Length: > 0 } error ? $": {error}" : "";
        context.Error.WriteLine($"batchstats {command}: job {summary.RequestId} ended {summary.StatusName}{reason}");
        return ExitCodes.Failed;
    }
}
