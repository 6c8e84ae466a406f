using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BatchStats.Cli.Infrastructure;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Local;

namespace BatchStats.Cli.Demo;

/// <summary>
/// The steps the cloud runs, on the embedded engine: upload the GeoPackage to the input bucket, create → analyse →
/// (poll until analysed) → start → poll status until DONE/FAILED/STOPPED → export. Each step prints one line.
/// </summary>
public sealed class DemoPipeline(CliContext context, LocalEngine engine, TextWriter log)
{
    public const string InputBucket = "input";

    /// <summary>Copies a GeoPackage to <c>s3://input/demo/&lt;content hash&gt;/&lt;name&gt;</c> (= <c>&lt;state&gt;/buckets/input/…</c>).</summary>
    public async Task<string> UploadAsync(string geoPackagePath, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(geoPackagePath, ct).ConfigureAwait(false);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
        var url = $"s3://{InputBucket}/demo/{hash}/{Path.GetFileName(geoPackagePath)}";
        await engine.Objects.PutAsync(url, bytes, "application/geopackage+sqlite3", ct).ConfigureAwait(false);
        log.WriteLine($"upload   {Path.GetFileName(geoPackagePath)} → {url} ({bytes.Length / 1024.0:0.#} KiB, {engine.Objects.ResolvePath(url)})");
        return url;
    }

    public async Task<LocalRunSummary> RunAsync(JsonObject request, ProgressReporter reporter, CancellationToken ct)
    {
        var task = await engine.CreateAsync(request.ToJsonString(), null, ct).ConfigureAwait(false);
        log.WriteLine($"create   request {task.Id} ({JobTransitions.StatusName(task.Status)})");
        await engine.AnalyseAsync(task.Id, ct).ConfigureAwait(false);
        var state = await engine.GetStateAsync(task.Id, ct).ConfigureAwait(false);
        while (state!.Task.Status is BatchStatus.Created or BatchStatus.Analysing)
        {
            await Task.Delay(50, ct).ConfigureAwait(false);
            state = await engine.GetStateAsync(task.Id, ct).ConfigureAwait(false);
        }

        log.WriteLine(state.Task.Status == BatchStatus.AnalysisDone
            ? $"analyse  {state.Analysis?.FeatureCount} features ({JobTransitions.StatusName(state.Task.Status)})"
            : $"analyse  {JobTransitions.StatusName(state.Task.Status)}: {state.Task.Error}");
        if (state.Task.Status == BatchStatus.AnalysisDone)
        {
            await engine.StartAsync(task.Id, ct).ConfigureAwait(false);
            log.WriteLine("start    processing (polling status)");
        }

        var summary = await reporter.RunAsync("process", progress => engine.WaitAsync(task.Id, progress, ct)).ConfigureAwait(false);
        context.Debug($"background errors: {engine.BackgroundErrors.Count}");
        if (summary.Parquet is not null)
        {
            log.WriteLine($"export   {Path.GetDirectoryName(summary.Parquet)}");
        }

        return summary;
    }
}
