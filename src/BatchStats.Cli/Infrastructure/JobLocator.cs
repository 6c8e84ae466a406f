using BatchStats.Engine.Jobs;
using BatchStats.Engine.Local;

namespace BatchStats.Cli.Infrastructure;

/// <summary>A job's id and the local folder of its result files.</summary>
public sealed record JobLocation(string RequestId, string Folder, bool IsKnownJob);

/// <summary>
/// Resolves what a user typed after <c>export</c>, <c>results</c> or <c>plot</c>: a request id known to the state
/// folder, or a job folder given as a path, <c>file://</c> URL or <c>s3://</c> URL (the <c>outputPrefix</c> of
/// <c>run --json</c>), whose last segment is the request id.
/// </summary>
public static class JobLocator
{
    public static async Task<JobLocation> LocateAsync(LocalEngine engine, string idOrPrefix, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var looksLikeId = !idOrPrefix.Contains('/') && !idOrPrefix.Contains('\\');
        if (looksLikeId && await engine.GetStateAsync(idOrPrefix, ct).ConfigureAwait(false) is not null)
        {
            var folder = await engine.GetOutputFolderAsync(idOrPrefix, ct).ConfigureAwait(false)
                ?? throw new CliUserException(
                    $"job {idOrPrefix} writes through an output template, so its results are not in one folder",
                    "point the command at a folder of <id>.json result files instead");
            return new JobLocation(idOrPrefix, folder, true);
        }

        var path = ToLocalPath(engine, idOrPrefix);
        if (path is null || !Directory.Exists(path))
        {
            if (looksLikeId && !Directory.Exists(idOrPrefix))
            {
                throw new JobNotFoundException(idOrPrefix);
            }

            throw new CliUserException($"'{idOrPrefix}' is neither a known request id nor an existing job folder",
                "give a request id from `batchstats list` or the outputPrefix printed by `batchstats run`");
        }

        var trimmed = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return new JobLocation(Path.GetFileName(trimmed), trimmed, false);
    }

    private static string? ToLocalPath(LocalEngine engine, string value)
    {
        if (value.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return engine.Objects.ResolvePath(value);
        }

        if (value.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri(value).LocalPath;
        }

        return value.Contains("://", StringComparison.Ordinal) ? null : Path.GetFullPath(value);
    }
}
