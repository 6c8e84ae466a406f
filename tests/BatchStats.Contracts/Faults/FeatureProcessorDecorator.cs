using System.Runtime.CompilerServices;
using BatchStats.Engine.Processing;

namespace BatchStats.Contracts.Faults;

/// <summary>
/// Passes everything to <paramref name="inner"/> and lets a fault see each outcome before the runner gets it
/// (<see cref="BeforeYieldAsync"/>): throw to kill the attempt, wait to hang it.
/// </summary>
public abstract class FeatureProcessorDecorator(IFeatureProcessor inner) : IFeatureProcessor
{
    public Task<IReadOnlyList<FeatureKey>> DescribeAsync(JobContext job, long firstIndex, int count, CancellationToken ct) =>
        inner.DescribeAsync(job, firstIndex, count, ct);

    public Task<IReadOnlyList<double>> CostOfWrittenResultsAsync(JobContext job, IReadOnlyList<WrittenResult> results, CancellationToken ct) =>
        inner.CostOfWrittenResultsAsync(job, results, ct);

    public async IAsyncEnumerable<FeatureOutcome> ProcessAsync(JobContext job, IReadOnlyList<FeatureKey> features, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var outcome in inner.ProcessAsync(job, features, ct).ConfigureAwait(false))
        {
            await BeforeYieldAsync(outcome, ct).ConfigureAwait(false);
            yield return outcome;
        }
    }

    /// <summary>Runs before <paramref name="outcome"/> reaches the runner.</summary>
    protected abstract Task BeforeYieldAsync(FeatureOutcome outcome, CancellationToken ct);
}
