using System.Collections.Concurrent;
using BatchStats.Engine.Processing;

namespace BatchStats.Engine.Jobs;

/// <summary>
/// <see cref="IJobScheduler"/> for the embedded default: analysis and processing run as background tasks in this
/// process. Bind it to the service and runner after constructing them (they depend on each other through it).
/// </summary>
public sealed class LocalJobScheduler : IJobScheduler
{
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Exception> _errors = [];
    private readonly CancellationToken _shutdown;
    private BatchJobService? _service;
    private LocalJobRunner? _runner;

    public LocalJobScheduler(CancellationToken shutdown = default) => _shutdown = shutdown;

    /// <summary>Unexpected exceptions of background work (for logs and tests).</summary>
    public IReadOnlyCollection<Exception> Errors => _errors;

    public void Bind(BatchJobService service, LocalJobRunner runner)
    {
        _service = service;
        _runner = runner;
    }

    public Task AnalysisRequestedAsync(string requestId, CancellationToken ct)
    {
        var service = _service ?? throw Unbound();
        Track(requestId, () => service.RunAnalysisAsync(requestId, _shutdown));
        return Task.CompletedTask;
    }

    public Task ProcessingRequestedAsync(string requestId, CancellationToken ct)
    {
        var runner = _runner ?? throw Unbound();
        Track(requestId, () => runner.RunAsync(requestId, _shutdown));
        return Task.CompletedTask;
    }

    public Task StopRequestedAsync(string requestId, CancellationToken ct)
    {
        var service = _service ?? throw Unbound();

        // A running runner drains and stops the job itself; with none running, nothing is in flight: stop now.
        Track(requestId, () => service.CompleteStopAsync(requestId, _shutdown));
        return Task.CompletedTask;
    }

    /// <summary>Waits until no background work is running for any job.</summary>
    public async Task WhenIdleAsync()
    {
        while (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Values.ToArray()).ConfigureAwait(false);
        }
    }

    /// <summary>Chains work per job so one job's analysis, processing and stop never overlap.</summary>
    private void Track(string requestId, Func<Task> work)
    {
        lock (_running)
        {
            var previous = _running.TryGetValue(requestId, out var p) ? p : Task.CompletedTask;
            Task next = null!;
            next = RunAfterAsync(previous, work, () =>
            {
                lock (_running)
                {
                    if (_running.TryGetValue(requestId, out var current) && current == next)
                    {
                        _running.TryRemove(requestId, out _);
                    }
                }
            });
            _running[requestId] = next;
        }
    }

    private async Task RunAfterAsync(Task previous, Func<Task> work, Action done)
    {
        try
        {
            await previous.ConfigureAwait(false);
            await Task.Yield();
            await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // Shutting down: the job resumes on the next run.
        }
        catch (Exception e)
        {
            _errors.Add(e);
        }
        finally
        {
            done();
        }
    }

    private static InvalidOperationException Unbound() => new("LocalJobScheduler.Bind must be called before jobs are scheduled.");
}
