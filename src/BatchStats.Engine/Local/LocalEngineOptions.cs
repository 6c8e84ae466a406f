using BatchStats.Core.Cost;

namespace BatchStats.Engine.Local;

/// <summary>Settings of the embedded default engine (<see cref="LocalEngine"/>); every property has a working default.</summary>
public sealed record LocalEngineOptions
{
    public const string HomeVariable = "BATCHSTATS_HOME";
    public const string StacVariable = "BATCHSTATS_STAC";
    public const string TileCacheVariable = "BATCHSTATS_TILE_CACHE_MB";

    /// <summary>Job records (<c>jobs/</c>) and s3 "buckets" (<c>buckets/&lt;bucket&gt;/&lt;key&gt;</c>). Default: $BATCHSTATS_HOME, else ~/.batchstats.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Static catalog path/URL or STAC API URL (<c>--stac</c>). Default: $BATCHSTATS_STAC, else Earth Search v1.</summary>
    public string? Stac { get; init; }

    /// <summary>Chunks processed in parallel. Default: one per core.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Features per chunk; null = about 64 chunks per job, 1–100 features each.</summary>
    public int? ChunkSize { get; init; }

    /// <summary>Where relative paths in a request resolve when no base folder is given (<see cref="LocalEngine.RunFileAsync"/> uses the request file's folder).</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>How often <see cref="LocalEngine.WaitAsync"/> reports progress.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Write Parquet/CSV and the local index after a DONE job.</summary>
    public bool Export { get; init; } = true;

    /// <summary>S33 factors.</summary>
    public CostModel Cost { get; init; } = CostModel.Default;

    /// <summary>Shared client for STAC APIs and COGs over HTTP; null = one owned by the engine.</summary>
    public HttpClient? Http { get; init; }

    /// <summary>
    /// Decoded-tile cache capacity shared by all features and jobs. Default: $BATCHSTATS_TILE_CACHE_MB, else
    /// <see cref="TileCacheSizing.ForAvailableMemory"/> (1/12 of the memory the process may use, 256 MB – 1.5 GB).
    /// </summary>
    public long TileCacheBytes { get; init; } = TileCacheSizing.FromEnvironment(TileCacheVariable);

    public string ResolveStateDirectory()
    {
        var dir = StateDirectory ?? Environment.GetEnvironmentVariable(HomeVariable);
        if (string.IsNullOrWhiteSpace(dir))
        {
            dir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".batchstats");
        }

        return Path.GetFullPath(dir);
    }

    public string? ResolveStac()
    {
        var stac = Stac ?? Environment.GetEnvironmentVariable(StacVariable);
        return string.IsNullOrWhiteSpace(stac) ? null : stac;
    }
}
