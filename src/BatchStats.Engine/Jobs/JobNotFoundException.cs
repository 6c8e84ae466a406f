namespace BatchStats.Engine.Jobs;

/// <summary>No job with this id exists (the API maps it to 404 <c>COMMON_NOT_FOUND</c>).</summary>
public sealed class JobNotFoundException(string requestId)
    : Exception($"Batch request {requestId} does not exist.")
{
    public string RequestId { get; } = requestId;
}
