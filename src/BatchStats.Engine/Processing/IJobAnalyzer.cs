using System.Text.Json.Nodes;

namespace BatchStats.Engine.Processing;

/// <summary>
/// The analysis step (spec §7.2 <c>ANALYSE</c>): validates the evalscript and the GeoPackage and counts the features.
/// </summary>
public interface IJobAnalyzer
{
    Task<AnalysisResult> AnalyzeAsync(string requestId, JsonObject request, CancellationToken ct);
}

/// <summary>A successful analysis (feature count and an optional small plan kept in the job record) or an error message.</summary>
public sealed record AnalysisResult(long FeatureCount, JsonNode? Plan, string? Error)
{
    public bool Succeeded => Error is null;

    public static AnalysisResult Success(long featureCount, JsonNode? plan = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(featureCount);
        return new(featureCount, plan, null);
    }

    public static AnalysisResult Failure(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new(0, null, error);
    }
}
