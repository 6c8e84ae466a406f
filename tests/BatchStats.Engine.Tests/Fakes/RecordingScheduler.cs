using BatchStats.Engine.Jobs;

namespace BatchStats.Engine.Tests.Fakes;

/// <summary>Records what the service asked to schedule, running nothing.</summary>
public sealed class RecordingScheduler : IJobScheduler
{
    public List<string> Calls { get; } = [];

    public Task AnalysisRequestedAsync(string requestId, CancellationToken ct)
    {
        Calls.Add("analysis:" + requestId);
        return Task.CompletedTask;
    }

    public Task ProcessingRequestedAsync(string requestId, CancellationToken ct)
    {
        Calls.Add("processing:" + requestId);
        return Task.CompletedTask;
    }

    public Task StopRequestedAsync(string requestId, CancellationToken ct)
    {
        Calls.Add("stop:" + requestId);
        return Task.CompletedTask;
    }
}
