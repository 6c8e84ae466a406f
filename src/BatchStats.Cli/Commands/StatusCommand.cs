using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using BatchStats.Cli.Infrastructure;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Jobs;
using Spectre.Console;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats status &lt;requestId&gt;</c>: the job's status, progress counters and cost. Exit 0, or 1 for an unknown id.</summary>
public sealed class StatusCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var id = new Argument<string>("requestId") { Description = "the job's request id" };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("status", "show a job's status, progress and cost. Exit codes: 0, 1 unknown id") { id, json };
        command.SetAction(parse => CommandExecution.Run(context, "status", parse, async ct =>
        {
            await using var engine = context.CreateEngine();
            var requestId = parse.GetValue(id)!;
            var state = await engine.GetStateAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
            var folder = await engine.GetOutputFolderAsync(requestId, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(ToJson(state, folder).ToJsonString());
            }
            else
            {
                Print(context, state, folder);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    public static JsonObject ToJson(JobState state, string? folder)
    {
        var t = state.Task;
        var p = state.Progress;
        return new JsonObject
        {
            ["id"] = t.Id,
            ["status"] = JobTransitions.StatusName(t.Status),
            ["completionPercentage"] = t.CompletionPercentage,
            ["costPU"] = t.CostPU,
            ["created"] = t.Created.ToString("O", CultureInfo.InvariantCulture),
            ["lastUpdated"] = t.LastUpdated?.ToString("O", CultureInfo.InvariantCulture),
            ["features"] = new JsonObject
            {
                ["total"] = state.Analysis?.FeatureCount ?? p.TotalFeatures,
                ["done"] = p.DoneFeatures,
                ["failed"] = p.FailedFeatures,
            },
            ["intervals"] = p.EmittedIntervals,
            ["outputFolder"] = folder,
            ["error"] = t.Error,
        };
    }

    private static void Print(CliContext context, JobState state, string? folder)
    {
        var t = state.Task;
        var p = state.Progress;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("job").AddColumn("value");
        void Row(string name, string? value)
        {
            if (value is not null)
            {
                table.AddRow(Markup.Escape(name), Markup.Escape(value));
            }
        }

        Row("request id", t.Id);
        Row("status", JobTransitions.StatusName(t.Status));
        Row("completion", $"{t.CompletionPercentage} %");
        Row("features", string.Create(CultureInfo.InvariantCulture,
            $"{state.Analysis?.FeatureCount ?? p.TotalFeatures} total, {p.DoneFeatures} done, {p.FailedFeatures} failed"));
        Row("intervals", p.EmittedIntervals.ToString(CultureInfo.InvariantCulture));
        Row("cost", string.Create(CultureInfo.InvariantCulture, $"{t.CostPU:0.####} PU"));
        Row("created", t.Created.ToString("u", CultureInfo.InvariantCulture));
        Row("last updated", t.LastUpdated?.ToString("u", CultureInfo.InvariantCulture));
        Row("results", folder);
        Row("error", t.Error);
        context.Console.Write(table);
    }
}
