using System.Collections.Concurrent;
using BatchStats.Engine.Processing;

namespace BatchStats.Contracts.Faults;

/// <summary>
/// A worker that dies once: the first time the inner processor yields feature <paramref name="crashBeforeId"/>, the
/// attempt throws, so the outcomes before it are written but the chunk is not committed and is redelivered.
/// </summary>
public sealed class CrashOnceProcessor(IFeatureProcessor inner, long crashBeforeId) : FeatureProcessorDecorator(inner)
{
    private int _crashed;

    /// <summary>How often each feature id was handed to the runner (a recounted feature is not handed again).</summary>
    public ConcurrentDictionary<long, int> Yielded { get; } = new();

    public bool Crashed => Volatile.Read(ref _crashed) == 1;

    protected override Task BeforeYieldAsync(FeatureOutcome outcome, CancellationToken ct)
    {
        if (outcome.Feature.Id == crashBeforeId && Interlocked.Exchange(ref _crashed, 1) == 0)
        {
            throw new InvalidOperationException("worker died");
        }

        Yielded.AddOrUpdate(outcome.Feature.Id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
