using System.Text.Json.Nodes;
using BatchStats.Engine.Local;
using BatchStats.Engine.Sync;

namespace BatchStats.Api.Sync;

/// <summary>
/// The sync endpoint backed by the engine's STAC catalog and imagery (<see cref="SyncStatisticsProcessor"/>): pass
/// <c>new SyncStatistics(engine)</c> as <see cref="BatchStatsApiOptions.Sync"/>.
/// </summary>
public sealed class SyncStatistics(SyncStatisticsProcessor processor) : ISyncStatistics
{
    public SyncStatistics(LocalEngine engine)
        : this(new SyncStatisticsProcessor(engine))
    {
    }

    public async Task<SyncStatisticsAnswer> ComputeAsync(JsonObject request, CancellationToken ct)
    {
        var result = await processor.ComputeAsync(request, ct).ConfigureAwait(false);

        // Parsed nodes keep their raw number text, so "8.0" and "NaN" reach the client exactly as the writer spelled them.
        return new SyncStatisticsAnswer(JsonNode.Parse(result.ToJson())!.AsObject(), result.CostPU);
    }
}
