using BatchStats.Core.Jobs;

namespace BatchStats.Functions.Backends;

/// <summary>A backend's view of one request, as much as the state machine needs.</summary>
/// <param name="Existing">True when <see cref="IBatchBackend.SubmitAsync"/> found the request of an earlier delivery.</param>
public sealed record BackendJob(string RequestId, BatchStatus Status, int CompletionPercentage, string? Error,
    StoppedStatusReason? StoppedReason = null, bool Existing = false)
{
    public static BackendJob From(BatchTask task, bool existing = false) =>
        new(task.Id, task.Status, task.CompletionPercentage, task.Error, task.StoppedStatusReason, existing);

    public static BackendJob From(BatchTaskStatus status) =>
        new(status.Id, status.Status, status.CompletionPercentage, status.Error, status.StoppedStatusReason);
}
