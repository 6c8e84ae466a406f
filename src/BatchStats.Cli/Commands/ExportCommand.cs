using System.CommandLine;
using System.Text.Json.Nodes;
using BatchStats.Cli.Infrastructure;
using BatchStats.Export;
using Spectre.Console;

namespace BatchStats.Cli.Commands;

/// <summary>
/// <c>batchstats export &lt;requestId|outputPrefix&gt;</c>: rebuilds <c>export/</c> (Parquet, CSV, failures.csv, local
/// index) from the per-feature JSON alone and prints the paths. Exit 0, or 1.
/// </summary>
public sealed class ExportCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var target = new Argument<string>("requestId|outputPrefix") { Description = "a request id, or a job folder as path, file:// or s3:// URL" };
        var json = new Option<bool>("--json") { Description = "print one JSON object with the paths and counts" };
        var command = new Command("export", "(re)build the Parquet/CSV export and local index of a job from its result files. Exit codes: 0, 1")
        {
            target, json,
        };
        command.SetAction(parse => CommandExecution.Run(context, "export", parse, async ct =>
        {
            await using var engine = context.CreateEngine();
            var job = await JobLocator.LocateAsync(engine, parse.GetValue(target)!, ct).ConfigureAwait(false);
            context.Debug($"exporting {job.Folder} as request {job.RequestId}");
            var (result, folder) = await LocalJobExporter.ExportAsync(job.Folder, job.RequestId, ct: ct).ConfigureAwait(false);
            string? PathOf(string name) => result.Files.Contains(name) ? Path.Combine(folder, name) : null;
            var paths = new JsonObject
            {
                ["requestId"] = job.RequestId,
                ["parquet"] = PathOf(ExportFileNames.Parquet),
                ["csv"] = PathOf(ExportFileNames.Csv),
                ["failures"] = PathOf(ExportFileNames.Failures),
                ["index"] = Path.Combine(folder, ExportFileNames.LocalIndex),
                ["features"] = result.Features,
                ["rows"] = result.Rows,
                ["failedRows"] = result.Failures,
            };
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(paths.ToJsonString());
                return ExitCodes.Ok;
            }

            context.Console.MarkupLine($"exported [bold]{result.Features}[/] feature files → [bold]{result.Rows}[/] rows, {result.Failures} failure rows");
            foreach (var name in new[] { "parquet", "csv", "failures", "index" })
            {
                if (paths[name]?.GetValue<string>() is { } path)
                {
                    context.Console.MarkupLine($"{name,-9}{Markup.Escape(path)}");
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
