using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchStats.Core.Cost;
using BatchStats.Core.Requests;
using BatchStats.Core.Results;
using BatchStats.Core.Validation;
using BatchStats.Engine.Features;
using BatchStats.Engine.Local;
using BatchStats.Engine.Storage;
using BatchStats.Geo;
using NetTopologySuite.Geometries;

namespace BatchStats.Engine.Sync;

/// <summary>
/// The synchronous Statistical API (§10) in memory: validates the body, builds the batch job definition from it
/// (intervals, compiled evalscript, calculations), stretches the S9 grid over the bounds' box and runs the batch
/// per-feature core (<see cref="FeatureProcessor"/>) on the one geometry, so a sync answer equals the batch file's
/// <c>response</c> for the same geometry and grid. Interval failures stay in <c>data</c> (PARTIAL/FAILED, never null).
/// </summary>
public sealed partial class SyncStatisticsProcessor
{
    private readonly FeatureProcessor _processor;
    private readonly IObjectStore _objects;

    public SyncStatisticsProcessor(FeatureProcessor processor, IObjectStore objects)
    {
        _processor = processor ?? throw new ArgumentNullException(nameof(processor));
        _objects = objects ?? throw new ArgumentNullException(nameof(objects));
    }

    /// <summary>Uses the engine's STAC catalog, COG reader and tile cache.</summary>
    public SyncStatisticsProcessor(LocalEngine engine)
        : this((engine ?? throw new ArgumentNullException(nameof(engine))).Processor, engine.Objects)
    {
    }

    /// <summary>Throws <see cref="RequestValidationException"/> (every problem with its JSON path) for a bad request.</summary>
    public async Task<SyncStatisticsResult> ComputeAsync(JsonObject request, CancellationToken ct = default)
    {
        var sync = SyncRequestValidator.Validate(request);
        JobDefinition definition;
        try
        {
            definition = await JobDefinition.LoadAsync(sync.BatchShaped, _objects, SyncRequestValidator.Options, ct).ConfigureAwait(false);
        }
        catch (JobDefinitionException e)
        {
            throw new RequestValidationException([ToProblem(e.Message)]);
        }

        using (definition)
        {
            var grid = BuildGrid(definition.Request.Aggregation, sync.Bounds.GridBox);
            var (data, cost) = await _processor.ProcessGeometryAsync(definition, sync.Bounds.Mask, grid, sync.Bounds.Epsg, ct).ConfigureAwait(false);
            // A sync request is charged at least the reference's 0.01 PU (S33), e.g. one small 2-band interval (0.0067).
            return new SyncStatisticsResult(StatisticalResponse.ForSync(data), Math.Max(CostModel.SyncRequestMinimum, cost));
        }
    }

    /// <summary>S9: resx/resy in the bounds' CRS units, or width/height, stretched over the box.</summary>
    private static SampleGrid BuildGrid(Aggregation aggregation, Envelope box)
    {
        try
        {
            return aggregation is { Width: { } width, Height: { } height }
                ? SampleGrid.FromSize(box, width, height)
                : SampleGrid.FromResolution(box, aggregation.Resx!.Value, aggregation.Resy!.Value);
        }
        catch (ArgumentException e)
        {
            throw new RequestValidationException([new ValidationProblem("aggregation", "the grid over input.bounds cannot be built: " + e.Message)]);
        }
    }

    /// <summary>Analysis messages name their field first ("input.data[0].type: …", "Evalscript: …", "Calculations …").</summary>
    private static ValidationProblem ToProblem(string message)
    {
        if (message.StartsWith("Evalscript", StringComparison.Ordinal))
        {
            return new ValidationProblem("aggregation.evalscript", message);
        }

        if (message.StartsWith("Calculations", StringComparison.Ordinal))
        {
            return new ValidationProblem("calculations", message);
        }

        var match = LeadingPath().Match(message);
        return match.Success
            ? new ValidationProblem(match.Groups[1].Value, message[match.Length..].Trim())
            : new ValidationProblem("", message);
    }

    [GeneratedRegex(@"^([A-Za-z]+(?:\.[A-Za-z]+|\[\d+\])*):")]
    private static partial Regex LeadingPath();
}
