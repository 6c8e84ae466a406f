using BatchStats.Core.Jobs;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Output;
using BatchStats.Engine.Storage;

namespace BatchStats.Engine.Processing;

/// <summary>
/// Processes one work item (a chunk of features) idempotently; the unit a local worker or a Lambda invocation runs.
/// <list type="number">
/// <item>Features whose result file exists and carries no failed marker are recounted, not reprocessed: done count,
/// emitted intervals and the cost the processor charged for that document (recomputed, S33).</item>
/// <item>Each outcome is written as soon as it is yielded (a crash keeps finished features); failures also get a
/// marker under <c>_meta/failed/</c> so a restart reprocesses them.</item>
/// <item>The chunk's counts are added to the job in one conditional update that also marks the chunk committed, so a
/// re-delivered item never double-counts; the update that commits the last chunk also sets DONE (or FAILED when every
/// feature failed) with completionPercentage 100.</item>
/// </list>
/// </summary>
public sealed class ChunkWorker
{
    private readonly JobStateRepository _jobs;
    private readonly IObjectStore _objects;
    private readonly IFeatureProcessor _processor;
    private readonly JobRunnerOptions _options;
    private readonly TimeProvider _time;

    public ChunkWorker(JobStateRepository jobs, IObjectStore objects, IFeatureProcessor processor, JobRunnerOptions? options = null, TimeProvider? time = null)
    {
        _jobs = jobs;
        _objects = objects;
        _processor = processor;
        _options = options ?? new JobRunnerOptions();
        _time = time ?? TimeProvider.System;
    }

    public async Task<ChunkOutcome> ProcessAsync(WorkItem item, int deliveryCount, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        var state = await _jobs.GetAsync(item.RequestId, ct).ConfigureAwait(false);
        if (state is null || state.Task.Status != BatchStatus.Processing || state.Task.UserAction == UserAction.Stop || state.Analysis is null)
        {
            return ChunkOutcome.NotRunnable;
        }

        if (state.Progress.IsChunkCompleted(item.ChunkIndex))
        {
            return ChunkOutcome.Duplicate;
        }

        var (first, count) = state.Progress.ChunkRange(item.ChunkIndex);
        if (first != item.FirstFeatureIndex || count != item.Count)
        {
            // A stale item from an older chunk layout: the current layout's items cover these features.
            return ChunkOutcome.Duplicate;
        }

        var output = OutputLocation.Parse((string?)state.Task.Request["output"]?["s3"]?["url"] ?? "", state.Task.Id);
        var job = new JobContext(state.Task.Id, state.Task.Request, output, state.Analysis);
        var features = await _processor.DescribeAsync(job, first, count, ct).ConfigureAwait(false);
        if (features.Count != count)
        {
            throw new InvalidOperationException($"Feature processor described {features.Count} features for chunk {item.ChunkIndex}, expected {count}.");
        }

        var tally = new Tally();
        var pending = new List<FeatureKey>();
        var written = new List<WrittenResult>();
        var markedFailed = new HashSet<long>();
        foreach (var feature in features)
        {
            var resultUrl = output.ResultUrl(feature.Id, feature.Identifier);
            var hasResult = await _objects.GetSizeAsync(resultUrl, ct).ConfigureAwait(false) is not null;
            var hasMarker = await _objects.GetSizeAsync(output.FailedMarkerUrl(feature.Id), ct).ConfigureAwait(false) is not null;
            if (hasMarker)
            {
                markedFailed.Add(feature.Id);
            }

            if (hasResult && !hasMarker)
            {
                var existing = await _objects.GetAsync(resultUrl, ct).ConfigureAwait(false);
                tally.Done++;
                tally.Intervals += ResultDocuments.CountEmittedIntervals(existing);
                written.Add(new WrittenResult(feature, existing));
            }
            else
            {
                pending.Add(feature);
            }
        }

        if (written.Count > 0)
        {
            // The attempt that wrote these never committed, so their cost is not in the job yet (S33).
            var costs = await _processor.CostOfWrittenResultsAsync(job, written, ct).ConfigureAwait(false);
            if (costs.Count != written.Count)
            {
                throw new InvalidOperationException($"Feature processor costed {costs.Count} written results for chunk {item.ChunkIndex}, expected {written.Count}.");
            }

            for (var i = 0; i < written.Count; i++)
            {
                tally.Charge(written[i].Feature.Index, costs[i]);
            }
        }

        if (pending.Count > 0)
        {
            await ProcessPendingAsync(job, pending, markedFailed, tally, deliveryCount, ct).ConfigureAwait(false);
        }

        return await CommitAsync(item, tally, ct).ConfigureAwait(false) ? ChunkOutcome.Committed : ChunkOutcome.Duplicate;
    }

    private async Task ProcessPendingAsync(
        JobContext job, List<FeatureKey> pending, HashSet<long> markedFailed, Tally tally, int deliveryCount, CancellationToken ct)
    {
        var next = 0;
        var writing = false;
        try
        {
            await foreach (var outcome in _processor.ProcessAsync(job, pending, ct).ConfigureAwait(false))
            {
                if (next >= pending.Count || outcome.Feature.Id != pending[next].Id)
                {
                    throw new InvalidOperationException(
                        $"Feature processor yielded feature {outcome.Feature.Id} where feature {(next < pending.Count ? pending[next].Id : -1)} was expected.");
                }

                writing = true;
                await WriteAsync(job.Output, outcome.Feature, outcome.Document, outcome.Succeeded, outcome.ErrorMessage,
                    markedFailed.Contains(outcome.Feature.Id), ct).ConfigureAwait(false);
                writing = false;
                tally.Add(outcome.Feature.Index, outcome.Succeeded, outcome.EmittedIntervals, outcome.CostPU);
                next++;
            }

            if (next != pending.Count)
            {
                throw new InvalidOperationException($"Feature processor yielded {next} outcomes for {pending.Count} features.");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && deliveryCount >= _options.MaxDeliveries && !writing)
        {
            // Last attempt: the processor keeps crashing, so the remaining features get an error document (§9.3).
            for (; next < pending.Count; next++)
            {
                var feature = pending[next];
                var message = $"Processing crashed {deliveryCount} times: {e.Message}";
                await WriteAsync(job.Output, feature, ResultDocuments.FeatureError(feature, "EXECUTION_ERROR", message), false, message,
                    markedFailed.Contains(feature.Id), ct).ConfigureAwait(false);
                tally.Add(feature.Index, false, 0, 0);
            }
        }
    }

    private async Task WriteAsync(
        OutputLocation output, FeatureKey feature, ReadOnlyMemory<byte> document, bool succeeded, string? error, bool hadMarker, CancellationToken ct)
    {
        var resultUrl = output.ResultUrl(feature.Id, feature.Identifier);
        var markerUrl = output.FailedMarkerUrl(feature.Id);
        if (succeeded)
        {
            // Result first, then drop the marker: a crash in between only causes one more (idempotent) reprocessing.
            await _objects.PutAsync(resultUrl, document, "application/json", ct).ConfigureAwait(false);
            if (hadMarker)
            {
                await _objects.DeleteAsync(markerUrl, ct).ConfigureAwait(false);
            }

            return;
        }

        // Marker first: an error document without its marker would look like a success to a restart.
        var marker = ResultDocuments.FeatureError(feature, "EXECUTION_ERROR", error ?? "feature failed");
        await _objects.PutAsync(markerUrl, marker, "application/json", ct).ConfigureAwait(false);
        await _objects.PutAsync(resultUrl, document, "application/json", ct).ConfigureAwait(false);
    }

    private async Task<bool> CommitAsync(WorkItem item, Tally tally, CancellationToken ct)
    {
        var committed = false;
        await _jobs.UpdateAsync(item.RequestId, s =>
        {
            committed = false;
            if (!s.Progress.TryCompleteChunk(item.ChunkIndex, tally.Done, tally.Failed, tally.Intervals))
            {
                return false;
            }

            committed = true;
            // Results found already written were charged by an earlier commit of this chunk (before an operator
            // restart) as far as the ledger says; the rest of them, and everything processed now, is new cost.
            s.Task.CostPU += tally.NewCostPU + (tally.RecountedCostPU - s.Progress.ChargedCost(item.ChunkIndex));
            s.Progress.SetChargedCost(item.ChunkIndex, tally.SuccessCostPU);
            s.Task.LastUpdated = UtcTimestampJsonConverter.TruncateToMicroseconds(_time.GetUtcNow());
            if (s.Progress.AllChunksCompleted && s.Task.Status == BatchStatus.Processing)
            {
                JobCompletion.Finish(s);
            }

            s.RefreshCompletionPercentage();
            return true;
        }, ct).ConfigureAwait(false);
        return committed;
    }

    private sealed class Tally
    {
        // Per feature position, summed in chunk order: a redone chunk adds the same terms in the same order as a clean one.
        private readonly SortedDictionary<long, (double Cost, bool Recounted, bool Succeeded)> _costs = [];

        public long Done;
        public long Failed;
        public long Intervals;

        /// <summary>Cost of the results found already written (recounted, not reprocessed).</summary>
        public double RecountedCostPU => Sum(c => c.Recounted);

        /// <summary>Cost of the features processed by this attempt (failed ones included: their work was done).</summary>
        public double NewCostPU => Sum(c => !c.Recounted);

        /// <summary>Cost of every successful result of the chunk after this attempt: what a later restart recounts.</summary>
        public double SuccessCostPU => Sum(c => c.Succeeded);

        /// <summary>A result written by an earlier attempt (always a success document).</summary>
        public void Charge(long featureIndex, double cost) => _costs[featureIndex] = (cost, true, true);

        public void Add(long featureIndex, bool succeeded, int intervals, double cost)
        {
            if (succeeded)
            {
                Done++;
            }
            else
            {
                Failed++;
            }

            Intervals += intervals;
            _costs[featureIndex] = (cost, false, succeeded);
        }

        private double Sum(Func<(double Cost, bool Recounted, bool Succeeded), bool> which)
        {
            var sum = 0.0;
            foreach (var entry in _costs.Values)
            {
                if (which(entry))
                {
                    sum += entry.Cost;
                }
            }

            return sum;
        }
    }
}
