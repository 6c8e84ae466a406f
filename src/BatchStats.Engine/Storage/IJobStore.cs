namespace BatchStats.Engine.Storage;

/// <summary>
/// Durable job records with optimistic concurrency. Local: one JSON file per job (atomic rename).
/// AWS: DynamoDB with conditional writes. Both pass the same contract tests.
/// </summary>
public interface IJobStore
{
    /// <summary>Creates a new record; throws <see cref="JobConflictException"/> if the id exists.</summary>
    Task CreateAsync(JobRecord record, CancellationToken ct = default);

    /// <summary>The record, or null when unknown.</summary>
    Task<JobRecord?> GetAsync(string requestId, CancellationToken ct = default);

    /// <summary>
    /// Replaces the record if its stored <see cref="JobRecord.Version"/> equals <paramref name="expectedVersion"/>;
    /// the stored version becomes <c>expectedVersion + 1</c>. Throws <see cref="JobConflictException"/> otherwise.
    /// </summary>
    Task<JobRecord> UpdateAsync(JobRecord record, long expectedVersion, CancellationToken ct = default);

    /// <summary>All records, newest first.</summary>
    IAsyncEnumerable<JobRecord> ListAsync(CancellationToken ct = default);
}

/// <summary>
/// The stored form of a job. <see cref="Document"/> is the engine's job state JSON (<c>JobState</c>: the §7 task
/// object under <c>"task"</c>, plus progress and analysis); serve tasks through <c>BatchJobService</c>, never the raw
/// document. The scalar fields are copies used for queries and conditional updates.
/// </summary>
public sealed record JobRecord(string RequestId, string Status, long Version, DateTimeOffset Created, string Document);

/// <summary>A concurrent writer changed the job first, or the id already exists.</summary>
public sealed class JobConflictException(string requestId, string message)
    : Exception($"Job {requestId}: {message}")
{
    public string RequestId { get; } = requestId;
}
