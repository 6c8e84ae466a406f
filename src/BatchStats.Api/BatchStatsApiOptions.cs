using System.Security.Cryptography;
using BatchStats.Api.Auth;
using BatchStats.Api.Sync;
using BatchStats.Core.Requests;
using BatchStats.Engine.Jobs;

namespace BatchStats.Api;

/// <summary>Everything the API needs from its host (<c>batchstats serve</c>, tests).</summary>
public sealed class BatchStatsApiOptions
{
    /// <summary>The job lifecycle behind the batch endpoints (the LocalEngine's, or one over any IJobStore).</summary>
    public required BatchJobService Jobs { get; init; }

    /// <summary>The in-memory processor of the sync endpoint; null → 501.</summary>
    public ISyncStatistics? Sync { get; init; }

    /// <summary>Clients allowed to get tokens (see <see cref="ApiClients"/>). Empty → every token request fails.</summary>
    public IReadOnlyList<ApiClient> Clients { get; init; } = [];

    /// <summary>HS256 key (≥ 32 bytes). Default: random per process, so tokens die with the server.</summary>
    public byte[] SigningKey { get; init; } = RandomNumberGenerator.GetBytes(32);

    /// <summary><c>expires_in</c> of issued tokens; 3600 s like Sentinel Hub (must be well above 120 s).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Per-client limit; null disables rate limiting.</summary>
    public ApiRateLimit? RateLimit { get; init; } = ApiRateLimit.Default;

    /// <summary>Create-time validation; local mode accepts <c>file://</c> and plain paths besides <c>s3://</c>.</summary>
    public ValidationOptions Validation { get; init; } = ValidationOptions.Local;

    /// <summary>Clock for token issue/expiry.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
