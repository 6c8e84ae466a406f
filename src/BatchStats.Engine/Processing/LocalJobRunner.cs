using System.Diagnostics;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Resilience;
using BatchStats.Engine.Storage;

namespace BatchStats.Engine.Processing;

/// <summary>
/// Runs a PROCESSING job to its end inside this process: enqueues its unfinished chunks, runs
/// <see cref="JobRunnerOptions.Workers"/> workers over the queue (each calling <see cref="ChunkWorker"/>), retries
/// failed chunks with backoff, and stops when the job is DONE/FAILED, or after a STOP once in-flight chunks finished
/// (→ STOPPED). Calling it again for an unfinished job (after a crash or a STOP + start) resumes it: committed chunks
/// and written features are not redone.
/// </summary>
public sealed class LocalJobRunner
{
    /// <summary>Polls (receive or idle check) that may fail in a row, each after its own retries, before the run fails.</summary>
    private const int MaxConsecutivePollFailures = 10;

    private readonly JobStateRepository _jobs;
    private readonly IWorkQueue _queue;
    private readonly ChunkWorker _worker;
    private readonly JobRunnerOptions _options;

    public LocalJobRunner(IJobStore jobStore, IObjectStore objects, IWorkQueue queue, IFeatureProcessor processor,
        JobRunnerOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? new JobRunnerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Workers, 1, nameof(options));
        var retry = StorageRetry.Create(_options.StorageRetries, _options.StorageRetryDelay);
        _jobs = new JobStateRepository(new ResilientJobStore(jobStore, retry));
        _queue = new ResilientWorkQueue(queue, retry);
        _worker = new ChunkWorker(_jobs, new ResilientObjectStore(objects, retry), processor, _options, time);
    }

    /// <summary>Processes the job until it leaves PROCESSING; returns the final task. A job not in PROCESSING is returned as is.</summary>
    public async Task<BatchTask> RunAsync(string requestId, CancellationToken ct = default)
    {
        var state = await _jobs.GetAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
        if (state.Task.Status != BatchStatus.Processing)
        {
            return state.Task;
        }

        if (state.Progress.ChunkCount == 0 || state.Progress.AllChunksCompleted)
        {
            // Nothing (left) to process: a 0-feature job, or a crash between the last commit and DONE.
            return (await _jobs.UpdateAsync(requestId, FinishIfProcessing, ct).ConfigureAwait(false)).State.Task;
        }

        await EnqueueUnfinishedAsync(state, ct).ConfigureAwait(false);
        var run = new RunControl();
        var workers = Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(() => WorkerLoopAsync(state, run, ct), ct)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();

        if (run.Failure is not null)
        {
            var message = $"The job cannot run: {run.Failure.Message}";
            return (await _jobs.UpdateAsync(requestId, s => FailIfProcessing(s, message), ct).ConfigureAwait(false)).State.Task;
        }

        var final = (await _jobs.GetAsync(requestId, ct).ConfigureAwait(false))!;
        if (final.Task.Status == BatchStatus.Processing && final.Task.UserAction == UserAction.Stop)
        {
            final = (await _jobs.UpdateAsync(requestId, CompleteStop, ct).ConfigureAwait(false)).State;
        }

        return final.Task;
    }

    private async Task EnqueueUnfinishedAsync(JobState state, CancellationToken ct)
    {
        for (var chunk = 0; chunk < state.Progress.ChunkCount; chunk++)
        {
            if (!state.Progress.IsChunkCompleted(chunk))
            {
                var (first, count) = state.Progress.ChunkRange(chunk);
                await _queue.EnqueueAsync(new WorkItem(state.Task.Id, chunk, first, count), ct).ConfigureAwait(false);
            }
        }
    }

    private async Task WorkerLoopAsync(JobState initial, RunControl run, CancellationToken ct)
    {
        var requestId = initial.Task.Id;
        var idle = Stopwatch.StartNew();
        var pollFailures = 0;
        while (!ct.IsCancellationRequested && !run.Finished)
        {
            IReadOnlyList<ReceivedWorkItem> batch;
            try
            {
                batch = await _queue.ReceiveAsync(1, _options.PollInterval, ct).ConfigureAwait(false);
                pollFailures = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (StorageRetry.IsTransient(e) && ++pollFailures < MaxConsecutivePollFailures)
            {
                // Polling is cheap to repeat and nothing was taken from the queue: a flaky receive (its own retries
                // exhausted) must not fail the whole job. Only storage that keeps failing ends the run.
                await Task.Delay(_options.PollInterval, ct).ConfigureAwait(false);
                continue;
            }

            if (batch.Count == 0)
            {
                try
                {
                    await CheckWhenIdleAsync(requestId, run, idle, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (StorageRetry.IsTransient(e) && ++pollFailures < MaxConsecutivePollFailures)
                {
                    // The idle check only reads the job record: like a failed receive, it is simply repeated.
                    await Task.Delay(_options.PollInterval, ct).ConfigureAwait(false);
                }

                continue;
            }

            idle.Restart();
            var received = batch[0];
            Interlocked.Increment(ref run.InFlight);
            try
            {
                var outcome = await _worker.ProcessAsync(received.Item, received.DeliveryCount, ct).ConfigureAwait(false);
                await _queue.CompleteAsync(received, ct).ConfigureAwait(false);
                if (outcome == ChunkOutcome.NotRunnable && received.Item.RequestId == requestId)
                {
                    run.Finished = true; // stopped (or ended elsewhere): take no new chunks, in-flight ones finish
                }
                else if (received.Item.RequestId == requestId)
                {
                    await CheckFinishedAsync(requestId, run, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The process is going away: leave the item in flight; it is redelivered after its visibility timeout.
                return;
            }
            catch (Exception e)
            {
                if (received.DeliveryCount >= _options.MaxDeliveries)
                {
                    // The worker already turned processor crashes into failed features; what is left is our own I/O.
                    run.Failure ??= e;
                    run.Finished = true;
                    await TryCompleteAsync(received).ConfigureAwait(false);
                }
                else
                {
                    await TryAbandonAsync(received, Backoff(received.DeliveryCount)).ConfigureAwait(false);
                }
            }
            finally
            {
                Interlocked.Decrement(ref run.InFlight);
            }
        }
    }

    private async Task CheckWhenIdleAsync(string requestId, RunControl run, Stopwatch idle, CancellationToken ct)
    {
        var state = await CheckFinishedAsync(requestId, run, ct).ConfigureAwait(false);
        if (run.Finished || state is null || idle.Elapsed < _options.IdleRescanAfter || Volatile.Read(ref run.InFlight) > 0)
        {
            return;
        }

        // Nothing arrived for a while and no chunk is in flight here, yet chunks are unfinished: a message was lost.
        idle.Restart();
        await EnqueueUnfinishedAsync(state, ct).ConfigureAwait(false);
    }

    private async Task<JobState?> CheckFinishedAsync(string requestId, RunControl run, CancellationToken ct)
    {
        var state = await _jobs.GetAsync(requestId, ct).ConfigureAwait(false);
        if (state is null || state.Task.Status != BatchStatus.Processing || state.Task.UserAction == UserAction.Stop)
        {
            run.Finished = true;
            return null;
        }

        return state;
    }

    private TimeSpan Backoff(int deliveryCount)
    {
        var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, deliveryCount - 1));
        return TimeSpan.FromMilliseconds(exponential * (0.5 + Random.Shared.NextDouble()));
    }

    private async Task TryCompleteAsync(ReceivedWorkItem item)
    {
        try
        {
            await _queue.CompleteAsync(item).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            // Redelivery of this item is harmless: its chunk is either committed or the job has failed.
        }
    }

    private async Task TryAbandonAsync(ReceivedWorkItem item, TimeSpan delay)
    {
        try
        {
            await _queue.AbandonAsync(item, delay).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            // The item becomes visible again after its visibility timeout (or the idle rescan re-enqueues it).
        }
    }

    private static bool FinishIfProcessing(JobState s)
    {
        if (s.Task.Status != BatchStatus.Processing)
        {
            return false;
        }

        JobCompletion.Finish(s);
        s.Task.LastUpdated = UtcTimestampJsonConverter.TruncateToMicroseconds(DateTimeOffset.UtcNow);
        return true;
    }

    private static bool FailIfProcessing(JobState s, string message)
    {
        if (s.Task.Status != BatchStatus.Processing)
        {
            return false;
        }

        s.Task.Status = BatchStatus.Failed;
        s.Task.Error = message;
        s.Task.LastUpdated = UtcTimestampJsonConverter.TruncateToMicroseconds(DateTimeOffset.UtcNow);
        s.RefreshCompletionPercentage();
        return true;
    }

    private static bool CompleteStop(JobState s)
    {
        if (s.Task.Status != BatchStatus.Processing || s.Task.UserAction != UserAction.Stop)
        {
            return false;
        }

        s.Task.Status = BatchStatus.Stopped;
        s.Task.StoppedStatusReason = StoppedStatusReason.UserAction;
        s.Task.LastUpdated = UtcTimestampJsonConverter.TruncateToMicroseconds(DateTimeOffset.UtcNow);
        s.RefreshCompletionPercentage();
        return true;
    }

    private sealed class RunControl
    {
        public int InFlight;
        public volatile bool Finished;
        public volatile Exception? Failure;
    }
}
