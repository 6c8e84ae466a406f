using BatchStats.Engine.Storage;
using BatchStats.Export.Index;

namespace BatchStats.Functions;

/// <summary>Test seams of <see cref="FunctionServices"/>: each non-null member replaces the AWS-backed default.</summary>
internal sealed record FunctionServiceOverrides
{
    public IObjectStore? Objects { get; init; }

    public IJobStore? JobStore { get; init; }

    public IStatisticsIndex? Index { get; init; }

    /// <summary>The hosted API's transport (an in-process test server); the caller owns it.</summary>
    public HttpMessageHandler? SentinelHubHandler { get; init; }

    public TimeSpan? SentinelHubRetryBaseDelay { get; init; }
}
