using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BatchStats.Cli.Demo;
using BatchStats.Cli.Infrastructure;
using BatchStats.Cli.Plots;
using BatchStats.Demo;
using BatchStats.Engine.Local;
using Spectre.Console;

namespace BatchStats.Cli.Commands;

/// <summary>
/// <c>batchstats demo</c>: generate a deterministic synthetic Sentinel-2 archive (COGs, static STAC, GeoPackage,
/// truth), upload the GeoPackage to the local input bucket, run the cloud's steps on the embedded engine, export,
/// plot and explain. <c>--online</c> runs the Sentinel Hub tutorial against Earth Search v1 instead.
/// </summary>
public sealed class DemoCommand : ICliCommand
{
    public const string DefaultFolder = "batchstats-demo";

    public Command Build(CliContext context)
    {
        var outDir = new Option<string>("--out") { Description = "folder for the archive, results and plots", DefaultValueFactory = _ => "./" + DefaultFolder, HelpName = "dir" };
        var fields = new Option<int>("--fields") { Description = "synthetic fields (offline)", DefaultValueFactory = _ => DemoOptions.Default.FieldCount, HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "print the run summary (plus demo paths) as one JSON object on the last stdout line" };
        var online = new Option<bool>("--online") { Description = "the Sentinel Hub tutorial on public data: example parcels, Earth Search v1 sentinel-2-l2a, June 2020 (needs internet)" };
        var stac = new Option<string?>("--stac") { Description = "with --online: STAC API url (default: $BATCHSTATS_STAC, then Earth Search v1)", HelpName = "url" };
        var parcels = new Option<string>("--parcels") { Description = "with --online: the example GeoPackage URL or path", DefaultValueFactory = _ => OnlineDemo.DefaultGeoPackageUrl, HelpName = "url|path" };
        var limit = new Option<int>("--limit") { Description = "with --online: parcels to use (first N by id)", DefaultValueFactory = _ => OnlineDemo.DefaultParcels, HelpName = "N" };
        var workers = new Option<int?>("--workers") { Description = "chunks processed in parallel (default: one per core)", HelpName = "N" };
        var noPlots = new Option<bool>("--no-plots") { Description = "skip the PNG plots" };
        var command = new Command("demo",
            "the end-to-end demonstration, offline in seconds: synthetic archive → local input bucket → create/analyse/start/poll → export → plots. " +
            "Exit codes: 0 job DONE, 1 otherwise")
        {
            outDir, fields, json, online, stac, parcels, limit, workers, noPlots,
        };
        command.SetAction(parse => CommandExecution.Run(context, "demo", parse, ct =>
        {
            var settings = new DemoSettings(Path.GetFullPath(parse.GetValue(outDir)!), parse.GetValue(fields), parse.GetValue(json),
                parse.GetValue(workers), !parse.GetValue(noPlots));
            return parse.GetValue(online)
                ? RunOnlineAsync(context, settings, parse.GetValue(stac), parse.GetValue(parcels)!, parse.GetValue(limit), ct)
                : RunOfflineAsync(context, settings, ct);
        }));
        return command;
    }

    private sealed record DemoSettings(string Folder, int Fields, bool Json, int? Workers, bool Plots);

    private static async Task<int> RunOfflineAsync(CliContext context, DemoSettings s, CancellationToken ct)
    {
        if (s.Fields is < 1 or > 5000)
        {
            throw new CliUserException($"--fields must be between 1 and 5000 (got {s.Fields})", exitCode: ExitCodes.InvalidInput);
        }

        var clock = Stopwatch.StartNew();
        var log = s.Json ? context.Error : context.Output;
        var archive = DemoArchive.Generate(OptionsFor(s.Fields), s.Folder);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generate {archive.Fields.Count} fields × {archive.Dates.Count} dates → {archive.OutputFolder} ({archive.TotalBytes / 1024.0 / 1024.0:0.0} MiB COGs + STAC + GeoPackage, {archive.Elapsed.TotalSeconds:0.0} s)"));

        await using var engine = context.CreateEngine(archive.CatalogPath, s.Workers);
        var pipeline = new DemoPipeline(context, engine, log);
        var inputUrl = await pipeline.UploadAsync(archive.GeoPackagePath, ct).ConfigureAwait(false);
        var request = JsonNode.Parse(await File.ReadAllTextAsync(archive.RequestPath, ct).ConfigureAwait(false))!.AsObject();
        request["input"]!["features"]!["s3"]!["url"] = inputUrl;
        var summary = await pipeline.RunAsync(request, new ProgressReporter(context, log), ct).ConfigureAwait(false);
        return Finish(context, s, summary, clock, new JsonObject
        {
            ["demoFolder"] = archive.OutputFolder,
            ["truth"] = archive.TruthPath,
            ["stac"] = archive.CatalogPath,
            ["input"] = inputUrl,
        }, offline: true);
    }

    private static async Task<int> RunOnlineAsync(CliContext context, DemoSettings s, string? stac, string parcels, int limit, CancellationToken ct)
    {
        if (limit < 1)
        {
            throw new CliUserException($"--limit must be at least 1 (got {limit})", exitCode: ExitCodes.InvalidInput);
        }

        var clock = Stopwatch.StartNew();
        var log = s.Json ? context.Error : context.Output;
        Directory.CreateDirectory(s.Folder);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        string source;
        try
        {
            source = await OnlineDemo.FetchAsync(http, parcels, s.Folder, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or UnauthorizedAccessException)
        {
            throw new CliUserException($"cannot fetch the example GeoPackage from {parcels}: {e.Message}",
                "`batchstats demo` (without --online) runs fully offline");
        }

        var (path, count) = OnlineDemo.Reproject(source, Path.Combine(s.Folder, "parcels_utm33n.gpkg"), limit);
        log.WriteLine($"prepare  {OnlineDemo.Describe(count)} → {path}");
        await using var engine = context.CreateEngine(stac, s.Workers, http: http);
        var pipeline = new DemoPipeline(context, engine, log);
        var inputUrl = await pipeline.UploadAsync(path, ct).ConfigureAwait(false);
        var request = OnlineDemo.BuildRequest(inputUrl, new Uri(Path.Combine(s.Folder, "results") + Path.DirectorySeparatorChar).AbsoluteUri);
        await File.WriteAllTextAsync(Path.Combine(s.Folder, "request.json"), request.ToJsonString(new() { WriteIndented = true }), ct).ConfigureAwait(false);
        var summary = await pipeline.RunAsync(request, new ProgressReporter(context, log), ct).ConfigureAwait(false);
        return Finish(context, s, summary, clock, new JsonObject
        {
            ["demoFolder"] = s.Folder,
            ["stac"] = engine.Stac,
            ["input"] = inputUrl,
        }, offline: false);
    }

    /// <summary>The small demo scene holds 36 fields; more fields get a proportionally larger scene.</summary>
    public static DemoOptions OptionsFor(int fields)
    {
        var defaults = DemoOptions.Default;
        var scale = (int)Math.Ceiling(Math.Sqrt(fields / (double)defaults.FieldCount));
        return defaults with { FieldCount = fields, Width = defaults.Width * Math.Max(1, scale), Height = defaults.Height * Math.Max(1, scale) };
    }

    private static int Finish(CliContext context, DemoSettings s, LocalRunSummary summary, Stopwatch clock, JsonObject extra, bool offline)
    {
        PlotFiles? plots = null;
        if (s.Plots && summary.OutputFolder is not null && summary.FeaturesDone > 0)
        {
            plots = PlotSet.Write(summary.OutputFolder, Path.Combine(s.Folder, "plots"));
            (s.Json ? context.Error : context.Output).WriteLine($"plot     {plots.All.Count()} PNGs → {Path.Combine(s.Folder, "plots")}");
        }

        if (s.Json)
        {
            var o = JsonNode.Parse(summary.ToJson())!.AsObject();
            foreach (var (key, value) in extra)
            {
                o[key] = value?.DeepClone();
            }

            o["plots"] = plots is null ? null : PlotCommand.ToJson(plots);
            o["elapsedSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
            context.Output.WriteLine(o.ToJsonString());
            return summary.Status == BatchStats.Core.Jobs.BatchStatus.Done ? ExitCodes.Ok : ExitCodes.Failed;
        }

        var code = RunCommand.Finish(context, "demo", summary, json: false);
        if (plots is not null)
        {
            PlotCommand.Print(context, plots, json: false);
        }

        context.Output.WriteLine();
        context.Console.MarkupLine(Markup.Escape(Guide(summary, s.Folder, offline, clock.Elapsed)));
        return code;
    }

    // InvariantGlobalization is on, so plain interpolation formats numbers invariantly.
    private static string Guide(LocalRunSummary s, string folder, bool offline, TimeSpan elapsed) =>
        $"What just happened ({elapsed.TotalSeconds:0.0} s): " +
        (offline
            ? $"a synthetic Sentinel-2 archive (COGs + static STAC catalog + fields.gpkg, with the true NDVI of every field in truth.json) was written to {folder}; "
            : "the Sentinel Hub example parcels were reprojected to UTM 33N and matched against Earth Search v1 scenes; ") +
        $"the GeoPackage was uploaded to the local input bucket, and request {s.RequestId} went through the same steps as in the cloud " +
        $"(create → analyse → start → per-feature workers → export): {s.FeaturesDone} of {s.FeaturesTotal} features succeeded, {s.FeaturesFailed} failed" +
        (offline ? " (the demo includes an invalid geometry and a field that misses every pixel on purpose)" : "") +
        $", costing {s.CostPU:0.###} PU. Next steps: `batchstats results {s.RequestId} --field 1` for one field's table, " +
        $"`batchstats plot {s.RequestId} --field 1` for its plots, `batchstats status {s.RequestId}` or `batchstats list` for jobs, " +
        $"open the Parquet in DuckDB or pandas, and edit {Path.Combine(folder, "request.json")} to `batchstats run` your own fields " +
        "(`batchstats validate` checks it first).";
}
