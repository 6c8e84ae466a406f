using System.CommandLine;
using BatchStats.Cli.Infrastructure;
using BatchStats.Cli.Results;
using Spectre.Console;

namespace BatchStats.Cli.Commands;

/// <summary>
/// <c>batchstats results &lt;requestId&gt; [--field id] [--format table|csv|json]</c>: the statistics rows of a job
/// (one per feature × interval, columns named like the export), read from the per-feature JSON. Exit 0, or 1.
/// </summary>
public sealed class ResultsCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var target = new Argument<string>("requestId") { Description = "a request id, or a job folder as path, file:// or s3:// URL" };
        var field = new Option<string?>("--field") { Description = "only this feature (id or identifier)", HelpName = "id" };
        var format = new Option<string>("--format") { Description = "table (scalar statistics), csv or json (every column)", DefaultValueFactory = _ => ResultsFormatter.Table };
        format.AcceptOnlyFromAmong(ResultsFormatter.Table, ResultsFormatter.Csv, ResultsFormatter.Json);
        var command = new Command("results", "tabulate the statistics of a job. Exit codes: 0, 1 unknown id or field") { target, field, format };
        command.SetAction(parse => CommandExecution.Run(context, "results", parse, async ct =>
        {
            await using var engine = context.CreateEngine();
            var job = await JobLocator.LocateAsync(engine, parse.GetValue(target)!, ct).ConfigureAwait(false);
            var only = parse.GetValue(field);
            var outcomes = JobResults.Flatten(job.Folder, only);
            if (only is not null && outcomes.Count == 0)
            {
                throw new CliUserException($"job {job.RequestId} has no feature with id or identifier '{only}'",
                    $"`batchstats results {job.RequestId} --format csv` lists every feature");
            }

            var rows = outcomes.SelectMany(o => o.Rows).ToList();
            ResultsFormatter.Write(context, rows, parse.GetValue(format)!);
            var failed = outcomes.Where(o => o.Failures.Count > 0).ToList();
            if (failed.Count > 0 && parse.GetValue(format) == ResultsFormatter.Table)
            {
                context.Console.MarkupLine($"[yellow]{failed.Count} feature(s) with errors[/] (ids {string.Join(", ", failed.Take(10).Select(f => f.Id))}{(failed.Count > 10 ? ", …" : "")}): see export/failures.csv");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
