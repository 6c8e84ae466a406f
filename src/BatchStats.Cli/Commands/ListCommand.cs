using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using BatchStats.Cli.Infrastructure;
using BatchStats.Core.Jobs;
using Spectre.Console;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats list</c>: every job in the state folder, newest first; <c>--json</c> prints one JSON array.</summary>
public sealed class ListCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "print one JSON array of job objects" };
        var command = new Command("list", "list the jobs in the state folder. Exit code: 0") { json };
        command.SetAction(parse => CommandExecution.Run(context, "list", parse, async ct =>
        {
            await using var engine = context.CreateEngine();
            var jobs = new List<JobState>();
            string? token = null;
            do
            {
                var page = await engine.ListAsync(100, token, null, ct).ConfigureAwait(false);
                foreach (var task in page.Data)
                {
                    if (await engine.GetStateAsync(task.Id, ct).ConfigureAwait(false) is { } state)
                    {
                        jobs.Add(state);
                    }
                }

                token = page.NextToken;
            }
            while (token is not null);

            jobs.Sort((a, b) => b.Task.Created.CompareTo(a.Task.Created));
            if (parse.GetValue(json))
            {
                var array = new JsonArray();
                foreach (var job in jobs)
                {
                    array.Add(StatusCommand.ToJson(job, null));
                }

                context.Output.WriteLine(array.ToJsonString());
                return ExitCodes.Ok;
            }

            if (jobs.Count == 0)
            {
                context.Console.MarkupLine($"no jobs in {Markup.Escape(engine.StateDirectory)}; try [bold]batchstats demo[/]");
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumns("request id", "status", "created", "%", "features done/failed/total", "PU");
            foreach (var job in jobs)
            {
                var t = job.Task;
                var p = job.Progress;
                table.AddRow(
                    Markup.Escape(t.Id),
                    Markup.Escape(JobTransitions.StatusName(t.Status)),
                    Markup.Escape(t.Created.ToString("u", CultureInfo.InvariantCulture)),
                    t.CompletionPercentage.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{p.DoneFeatures}/{p.FailedFeatures}/{job.Analysis?.FeatureCount ?? p.TotalFeatures}")),
                    t.CostPU.ToString("0.###", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
