using System.Text.Json.Nodes;

namespace BatchStats.Api.Sync;

/// <summary>
/// Computes one synchronous Statistical API request (spec §10) in memory: one geometry or bbox, returns the §9.2
/// <c>response</c> object and its S33 cost. Throw <see cref="Core.Requests.RequestValidationException"/> or
/// <see cref="ArgumentException"/> for a bad request (→ 400). When none is configured, <c>POST /api/v1/statistics</c>
/// answers 501.
/// </summary>
public interface ISyncStatistics
{
    Task<SyncStatisticsAnswer> ComputeAsync(JsonObject request, CancellationToken ct);
}
