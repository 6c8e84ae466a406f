namespace BatchStats.Engine.Jobs;

/// <summary>
/// Kicks off the asynchronous work an accepted command implies. Local: background tasks in this process
/// (<see cref="LocalJobScheduler"/>). AWS: a Step Functions execution / queue messages.
/// </summary>
public interface IJobScheduler
{
    /// <summary>The job entered ANALYSING: run <see cref="BatchJobService.RunAnalysisAsync"/> for it.</summary>
    Task AnalysisRequestedAsync(string requestId, CancellationToken ct);

    /// <summary>The job entered PROCESSING (chunks are planned): process its unfinished chunks.</summary>
    Task ProcessingRequestedAsync(string requestId, CancellationToken ct);

    /// <summary>STOP was recorded on a PROCESSING job: once in-flight chunks finish, call <see cref="BatchJobService.CompleteStopAsync"/>.</summary>
    Task StopRequestedAsync(string requestId, CancellationToken ct);
}
