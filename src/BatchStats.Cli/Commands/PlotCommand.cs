using System.CommandLine;
using System.Text.Json.Nodes;
using BatchStats.Cli.Infrastructure;
using BatchStats.Cli.Plots;
using Spectre.Console;

namespace BatchStats.Cli.Commands;

/// <summary>
/// <c>batchstats plot &lt;requestId&gt; [--field id] [--out dir]</c>: PNG time series (mean ± stDev), histogram panels
/// per interval and a small-multiples overview. Exit 0, or 1 for an unknown id or field.
/// </summary>
public sealed class PlotCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var target = new Argument<string>("requestId") { Description = "a request id, or a job folder as path, file:// or s3:// URL" };
        var field = new Option<string?>("--field") { Description = "plot only this feature (id or identifier)", HelpName = "id" };
        var outDir = new Option<string?>("--out") { Description = "folder for the PNGs (default: <job folder>/plots)", HelpName = "dir" };
        var output = new Option<string?>("--output") { Description = "evalscript output to plot (default: the first one that is not dataMask)" };
        var band = new Option<string?>("--band") { Description = "band of that output (default: its first band, e.g. B0)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object listing the PNG paths" };
        var command = new Command("plot", "plot a job's statistics as PNGs: per-field time series (mean ± stDev), histograms per interval, overview of many fields. Exit codes: 0, 1")
        {
            target, field, outDir, output, band, json,
        };
        command.SetAction(parse => CommandExecution.Run(context, "plot", parse, async ct =>
        {
            await using var engine = context.CreateEngine();
            var job = await JobLocator.LocateAsync(engine, parse.GetValue(target)!, ct).ConfigureAwait(false);
            var folder = Path.GetFullPath(parse.GetValue(outDir) ?? Path.Combine(job.Folder, "plots"));
            PlotFiles files;
            try
            {
                files = PlotSet.Write(job.Folder, folder, parse.GetValue(field), parse.GetValue(output), parse.GetValue(band));
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
            {
                throw new CliUserException(e.Message, $"`batchstats results {job.RequestId}` shows which features and outputs have statistics");
            }

            Print(context, files, parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static void Print(CliContext context, PlotFiles files, bool json)
    {
        if (json)
        {
            context.Output.WriteLine(ToJson(files).ToJsonString());
            return;
        }

        var all = files.All.ToList();
        var shown = all.Count <= 5 ? all : new[] { files.TimeSeries[0], files.Histograms, files.Overview }.OfType<string>().ToList();
        context.Console.MarkupLine($"wrote {all.Count} PNG(s):");
        foreach (var path in shown)
        {
            context.Console.MarkupLine($"  {Markup.Escape(path)}");
        }

        if (all.Count > shown.Count)
        {
            context.Console.MarkupLine($"  … and {all.Count - shown.Count} more timeseries-<id>.png in {Markup.Escape(Path.GetDirectoryName(files.TimeSeries[0])!)}");
        }
    }

    public static JsonObject ToJson(PlotFiles files) => new()
    {
        ["timeSeries"] = new JsonArray(files.TimeSeries.Select(p => (JsonNode?)p).ToArray()),
        ["histograms"] = files.Histograms,
        ["overview"] = files.Overview,
    };
}
