using System.Globalization;
using System.Runtime.CompilerServices;
using BatchStats.Engine.Output;
using BatchStats.Engine.Storage;
using BatchStats.Export;
using BatchStats.Functions.Backends;

namespace BatchStats.Functions.Services;

/// <summary>
/// Exports a DONE job of either backend: lists <c>&lt;prefix&gt;/&lt;requestId&gt;/&lt;id&gt;.json</c>, runs <see cref="ExportService"/>
/// into local temp files (Parquet needs a seekable stream), and only when all of them are complete uploads them to
/// <c>&lt;prefix&gt;/&lt;requestId&gt;/export/</c>; the index items go to DynamoDB while the rows stream.
/// With an <paramref name="analyticsPrefix"/> the Parquet file is also published as
/// <c>&lt;analyticsPrefix&gt;&lt;requestId&gt;.parquet</c>: one flat folder of every job's table, which the template's Glue
/// table reads, so Athena queries by identifier across jobs without naming a job.
/// </summary>
public sealed class S3JobExporter(IBatchBackend backend, IObjectStore objects, ExportService export, string? tempRoot = null,
    string? analyticsPrefix = null)
{
    /// <summary>Environment variable holding the analytics prefix (<c>s3://bucket/athena/statistics/</c>).</summary>
    public const string AnalyticsPrefixVariable = "BATCHSTATS_ANALYTICS_PREFIX";

    public async Task<(ExportResult Result, IReadOnlyList<string> Urls)> ExportAsync(string requestId, CancellationToken ct)
    {
        // Our engine and the hosted service write the same layout (§9.1), so only the folder comes from the backend.
        var output = await backend.GetResultsLocationAsync(requestId, ct).ConfigureAwait(false);
        var results = await ListResultsAsync(output, ct).ConfigureAwait(false);
        var folder = Path.Combine(tempRoot ?? Path.GetTempPath(), "batchstats-export-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var result = await export.ExportAsync(requestId,
                () => ReadAsync(results, ct),
                name => new FileStream(Path.Combine(folder, name), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous),
                new ExportOptions(), ct).ConfigureAwait(false);

            var urls = new List<string>();
            foreach (var name in result.Files)
            {
                var url = output.ExportUrl(name);
                await objects.PutAsync(url, await File.ReadAllBytesAsync(Path.Combine(folder, name), ct).ConfigureAwait(false),
                    ContentType(name), ct).ConfigureAwait(false);
                urls.Add(url);
            }

            if (!string.IsNullOrEmpty(analyticsPrefix) && result.Files.Contains(ParquetFileName))
            {
                var url = AnalyticsUrl(analyticsPrefix, requestId);
                await objects.PutAsync(url, await File.ReadAllBytesAsync(Path.Combine(folder, ParquetFileName), ct).ConfigureAwait(false),
                    ContentType(ParquetFileName), ct).ConfigureAwait(false);
                urls.Add(url);
            }

            return (result, urls);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The result files (<c>&lt;integer&gt;.json</c> directly in the job folder) in feature-id order.</summary>
    private async Task<List<(long Id, string Url)>> ListResultsAsync(OutputLocation output, CancellationToken ct)
    {
        var results = new List<(long Id, string Url)>();
        await foreach (var info in objects.ListAsync(output.JobFolder, ct).ConfigureAwait(false))
        {
            var name = info.Url[output.JobFolder.Length..];
            if (name.EndsWith(".json", StringComparison.Ordinal) &&
                long.TryParse(name.AsSpan(0, name.Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                results.Add((id, info.Url));
            }
        }

        results.Sort((a, b) => a.Id.CompareTo(b.Id));
        return results;
    }

    private async IAsyncEnumerable<FeatureDocument> ReadAsync(List<(long Id, string Url)> results, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var (id, url) in results)
        {
            yield return new FeatureDocument(id, await objects.GetAsync(url, ct).ConfigureAwait(false));
        }
    }

    private const string ParquetFileName = "statistics.parquet";

    /// <summary>Where a job's Parquet table is published for Athena.</summary>
    public static string AnalyticsUrl(string analyticsPrefix, string requestId) =>
        (analyticsPrefix.EndsWith('/') ? analyticsPrefix : analyticsPrefix + "/") + requestId + ".parquet";

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".csv" => "text/csv",
        ".parquet" => "application/vnd.apache.parquet",
        _ => "application/octet-stream",
    };
}
