using System.Text.Json.Nodes;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;
using BatchStats.Geo;

namespace BatchStats.Contracts.Stacks;

/// <summary>How a <see cref="RealProcessingStack"/> is composed: its features, job sizing and the fault decorators.</summary>
public sealed class RealStackOptions
{
    /// <summary>The s2-slovenia fields (by id) copied into the stack's GeoPackage, in this order.</summary>
    public required IReadOnlyList<long> FieldIds { get; init; }

    /// <summary>Writes extra features after the copied fields (e.g. a point the processor must fail).</summary>
    public Action<GeoPackageWriter>? AddFeatures { get; init; }

    public int ChunkSize { get; init; } = 2;

    public int Workers { get; init; } = 1;

    /// <summary>Short so that storage faults retry quickly.</summary>
    public TimeSpan StorageRetryDelay { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Passed to <see cref="BatchJobServiceOptions.ValidateRequest"/>; null validates nothing.</summary>
    public Action<JsonObject>? ValidateRequest { get; init; }

    /// <summary>Decorators on what the runner sees (the service and analyzer use the undecorated stores).</summary>
    public Func<IObjectStore, IObjectStore>? WrapObjects { get; init; }

    public Func<IJobStore, IJobStore>? WrapJobs { get; init; }

    public Func<IWorkQueue, IWorkQueue>? WrapQueue { get; init; }

    public Func<IFeatureProcessor, IFeatureProcessor>? WrapProcessor { get; init; }
}
