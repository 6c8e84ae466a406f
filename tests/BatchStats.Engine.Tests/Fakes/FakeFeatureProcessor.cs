using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using BatchStats.Engine.Processing;

namespace BatchStats.Engine.Tests.Fakes;

/// <summary>
/// A deterministic stand-in for the real per-feature pipeline. Feature at index i has id 100 + 3i (ids are not
/// positions) and identifier "F-i" (null for every 5th); it emits i % 3 intervals costing 0.25 PU each (recounted from the written document the same way); features in
/// <see cref="FailingIndices"/> produce a failed outcome. Crash and gate hooks simulate workers dying or being slow.
/// </summary>
public sealed class FakeFeatureProcessor : IFeatureProcessor
{
    private long _processedTotal;

    public FakeFeatureProcessor(long featureCount) => FeatureCount = featureCount;

    public long FeatureCount { get; }

    public ConcurrentDictionary<long, int> Calls { get; } = new();

    public HashSet<long> FailingIndices { get; set; } = [];

    /// <summary>Throw (simulating a crashed worker) when the total processed count reaches one of these, once each.</summary>
    public ConcurrentDictionary<long, bool> CrashAtProcessedCount { get; } = new();

    /// <summary>Any attempt that includes one of these features crashes before yielding anything.</summary>
    public HashSet<long> AlwaysCrashIndices { get; set; } = [];

    /// <summary>Cancelled after this many features were processed (simulates the process dying); null = never.</summary>
    public (long After, CancellationTokenSource Cts)? KillAfter { get; set; }

    /// <summary>When set, each feature waits for it (lets a test act while chunks are in flight).</summary>
    public SemaphoreSlim? Gate { get; set; }

    public TaskCompletionSource FirstFeatureStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long ProcessedTotal => Interlocked.Read(ref _processedTotal);

    public static long IdOf(long index) => 100 + 3 * index;

    public static string? IdentifierOf(long index) => index % 5 == 4 ? null : $"F-{index}";

    public static int IntervalsOf(long index) => (int)(index % 3);

    public static byte[] DocumentOf(long index, bool failed)
    {
        var identifier = IdentifierOf(index) is { } s ? $"\"{s}\"" : "null";
        if (failed)
        {
            return Encoding.UTF8.GetBytes($"{{\"id\":{IdOf(index)},\"identifier\":{identifier},\"error\":{{\"type\":\"EXECUTION_ERROR\"}}}}");
        }

        var intervals = string.Join(",", Enumerable.Range(0, IntervalsOf(index)).Select(k =>
            $"{{\"interval\":{{\"from\":\"2020-06-0{k + 1}T00:00:00Z\",\"to\":\"2020-06-0{k + 2}T00:00:00Z\"}},\"outputs\":{{\"ndvi\":{{\"bands\":{{\"B0\":{{\"stats\":{{\"min\":{index}.0}}}}}}}}}}}}"));
        return Encoding.UTF8.GetBytes($"{{\"id\":{IdOf(index)},\"identifier\":{identifier},\"response\":{{\"data\":[{intervals}],\"status\":\"OK\"}}}}");
    }

    public Task<IReadOnlyList<FeatureKey>> DescribeAsync(JobContext job, long firstIndex, int count, CancellationToken ct)
    {
        IReadOnlyList<FeatureKey> keys = Enumerable.Range(0, count)
            .Select(i => firstIndex + i)
            .Where(i => i < FeatureCount)
            .Select(i => new FeatureKey(i, IdOf(i), IdentifierOf(i)))
            .ToList();
        return Task.FromResult(keys);
    }

    /// <summary>What <see cref="ProcessAsync"/> charges: 0.25 PU per emitted interval of the document, 0 for an error document.</summary>
    public Task<IReadOnlyList<double>> CostOfWrittenResultsAsync(JobContext job, IReadOnlyList<WrittenResult> results, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<double>>(results.Select(r => 0.25 * ResultDocuments.CountEmittedIntervals(r.Document.Span)).ToList());

    public async IAsyncEnumerable<FeatureOutcome> ProcessAsync(JobContext job, IReadOnlyList<FeatureKey> features, [EnumeratorCancellation] CancellationToken ct)
    {
        if (features.Any(f => AlwaysCrashIndices.Contains(f.Index)))
        {
            throw new InvalidOperationException($"processor crash in chunk at {features[0].Index}");
        }

        foreach (var feature in features)
        {
            FirstFeatureStarted.TrySetResult();
            if (Gate is not null)
            {
                await Gate.WaitAsync(ct);
            }

            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            var processed = Interlocked.Increment(ref _processedTotal);
            if (CrashAtProcessedCount.TryRemove(processed, out _))
            {
                throw new InvalidOperationException($"simulated worker crash at feature #{processed}");
            }

            Calls.AddOrUpdate(feature.Index, 1, (_, n) => n + 1);
            var failed = FailingIndices.Contains(feature.Index);
            yield return new FeatureOutcome(feature, DocumentOf(feature.Index, failed), !failed,
                failed ? 0 : IntervalsOf(feature.Index), failed ? 0 : 0.25 * IntervalsOf(feature.Index), failed ? "fake failure" : null);

            if (KillAfter is { } kill && processed >= kill.After)
            {
                await kill.Cts.CancelAsync();
            }
        }
    }
}
