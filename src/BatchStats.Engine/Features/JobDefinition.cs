using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Core.Calculations;
using BatchStats.Core.Requests;
using BatchStats.Core.Time;
using BatchStats.Engine.Storage;
using BatchStats.Evalscript;
using BatchStats.Imagery.Collections;
using BatchStats.Imagery.Mosaic;

namespace BatchStats.Engine.Features;

/// <summary>
/// Everything per job that the analysis checks and every feature reuses: the typed request, the compiled evalscript
/// (setup() run once, §1), the collection, the intervals and the resolved calculations. Built once per job per process.
/// </summary>
public sealed class JobDefinition : IDisposable
{
    private JobDefinition(
        BatchStatisticalRequest request, CompiledEvalscript script, CollectionInfo collection, IReadOnlyList<TimeInterval> intervals,
        CalculationsDefinition calculations)
    {
        Request = request;
        Script = script;
        Collection = collection;
        Intervals = intervals;
        Calculations = calculations;
        var source = request.Input.Data[0];
        MaxCloudCoverage = source.DataFilter?.EffectiveMaxCloudCoverage ?? 100;
        Order = MosaicNames.ParseOrder(source.DataFilter?.MosaickingOrder);
        Upsampling = MosaicNames.ParseResampling(source.Processing?.Upsampling);
        HarmonizeValues = source.Processing?.HarmonizeValues ?? true;
        Mosaicking = script.Setup.Mosaicking switch
        {
            MosaickingMode.Orbit => MosaickingKind.Orbit,
            MosaickingMode.Tile => MosaickingKind.Tile,
            _ => MosaickingKind.Simple,
        };
        Bands = script.Setup.SampleBands.Select(b => new BandRequest(b.Name, b.Unit)).ToArray();
        (SearchFrom, SearchTo) = SearchWindow(intervals, source.DataFilter?.TimeRange);
    }

    public BatchStatisticalRequest Request { get; }

    public CompiledEvalscript Script { get; }

    public CollectionInfo Collection { get; }

    /// <summary>S3/S4 intervals, chronological.</summary>
    public IReadOnlyList<TimeInterval> Intervals { get; }

    public CalculationsDefinition Calculations { get; }

    /// <summary>S14: percent, default 100.</summary>
    public double MaxCloudCoverage { get; }

    public MosaickingOrder Order { get; }

    public MosaickingKind Mosaicking { get; }

    /// <summary>S17: NEAREST by default. Sentinel-2 bands reach our 10 m grids from 10–60 m, so upsampling applies.</summary>
    public ResamplingKind Upsampling { get; }

    public bool HarmonizeValues { get; }

    /// <summary>The bands the mosaicker must deliver, in <see cref="EvalscriptSetup.SampleBands"/> order (no dataMask).</summary>
    public IReadOnlyList<BandRequest> Bands { get; }

    /// <summary>Scene search window: every interval (EXTEND may pass timeRange.to), narrowed by dataFilter.timeRange.</summary>
    public DateTimeOffset SearchFrom { get; }

    public DateTimeOffset SearchTo { get; }

    public double ResX => Request.Aggregation.Resx ?? throw new InvalidOperationException("aggregation.resx is required for batch requests");

    public double ResY => Request.Aggregation.Resy ?? throw new InvalidOperationException("aggregation.resy is required for batch requests");

    public string FeaturesUrl => Request.Input.Features.S3.Url;

    /// <summary>
    /// Parses the stored request, loads the evalscript (inline or <c>evalscriptReference</c> via <paramref name="objects"/>),
    /// compiles it against the collection's bands and checks the calculations (evalscript-v3 §9 items 1–6).
    /// Throws <see cref="JobDefinitionException"/> with a message naming the check.
    /// </summary>
    public static async Task<JobDefinition> LoadAsync(JsonObject request, IObjectStore objects, ValidationOptions? validation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(objects);
        using var document = JsonDocument.Parse(request.ToJsonString());
        var parsed = BatchRequestParser.Parse(document.RootElement, validation ?? ValidationOptions.Local);
        if (parsed.Request is not { } typed)
        {
            throw new JobDefinitionException("The request is invalid: " + string.Join("; ", parsed.Problems.Select(p => $"{p.Path}: {p.Message}")));
        }

        if (typed.Input.Data.Count != 1)
        {
            throw new JobDefinitionException($"input.data: exactly one collection is supported (no data fusion), got {typed.Input.Data.Count}");
        }

        CollectionInfo collection;
        try
        {
            collection = Sentinel2Collections.Get(typed.Input.Data[0].Type);
        }
        catch (KeyNotFoundException e)
        {
            throw new JobDefinitionException("input.data[0].type: " + e.Message);
        }

        var source = await LoadEvalscriptAsync(typed, objects, ct).ConfigureAwait(false);
        var known = collection.Bands.ToDictionary(b => b.Name, b => b.Units, StringComparer.Ordinal);
        CompiledEvalscript script;
        try
        {
            script = Evalscript.Evalscript.Compile(source, new EvalscriptOptions { KnownBands = known });
        }
        catch (EvalscriptCompileException e)
        {
            throw new JobDefinitionException("Evalscript: " + e.Message);
        }

        try
        {
            var calculations = typed.ParseCalculations();
            CheckCalculations(calculations, script.Setup);
            var intervals = typed.Aggregation.BuildIntervals();
            // The sync API (RequireResolution = false) may give width/height instead; its caller builds the grid.
            if ((validation ?? ValidationOptions.Local).RequireResolution && (typed.Aggregation.Resx is null || typed.Aggregation.Resy is null))
            {
                throw new JobDefinitionException("aggregation: resx and resy are required for batch requests");
            }

            return new JobDefinition(typed, script, collection, intervals, calculations);
        }
        catch
        {
            script.Dispose();
            throw;
        }
    }

    /// <summary>§9 items 5–6: calculations keys name outputs/bands; histogram math matches each band's sampleType (S26).</summary>
    internal static void CheckCalculations(CalculationsDefinition calculations, EvalscriptSetup setup)
    {
        var outputBands = setup.Outputs.ToDictionary(o => o.Id, o => o.BandNames, StringComparer.Ordinal);
        outputBands[setup.DataMask.Id] = setup.DataMask.BandNames;
        var problems = calculations.CheckAgainst(outputBands).Select(p => $"{p.Path}: {p.Message}").ToList();
        foreach (var output in setup.Outputs)
        {
            var integer = IsInteger(output.SampleType);
            foreach (var band in output.BandNames)
            {
                if (calculations.Resolve(output.Id, band, integer).Histogram?.CheckSampleType(integer) is { } problem)
                {
                    problems.Add($"calculations for output '{output.Id}' band '{band}': {problem}");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new JobDefinitionException("Calculations do not match the evalscript: " + string.Join("; ", problems.Distinct()));
        }
    }

    /// <summary>Integer sample types print integer histogram edges and need integer math (S26); AUTO quantises to 0–255.</summary>
    public static bool IsInteger(EvalscriptSampleType type) => type != EvalscriptSampleType.Float32;

    private static async Task<string> LoadEvalscriptAsync(BatchStatisticalRequest request, IObjectStore objects, CancellationToken ct)
    {
        if (request.Aggregation.Evalscript is { } inline)
        {
            return inline;
        }

        var url = request.Aggregation.EvalscriptReference?.S3.Url
                  ?? throw new JobDefinitionException("aggregation: one of evalscript or evalscriptReference is required");
        try
        {
            return Encoding.UTF8.GetString(await objects.GetAsync(url, ct).ConfigureAwait(false));
        }
        catch (ObjectNotFoundException)
        {
            throw new JobDefinitionException($"aggregation.evalscriptReference.s3.url: '{url}' does not exist");
        }
    }

    private static (DateTimeOffset From, DateTimeOffset To) SearchWindow(IReadOnlyList<TimeInterval> intervals, RequestTimeRange? filter)
    {
        if (intervals.Count == 0)
        {
            return (default, default);
        }

        var from = new DateTimeOffset(intervals[0].Start, TimeSpan.Zero);
        var to = new DateTimeOffset(intervals[^1].End, TimeSpan.Zero);
        if (filter is not null)
        {
            // dataFilter.timeRange: both ends inclusive (§6.3 Decision); the search end is exclusive, hence one tick more.
            var filterFrom = new DateTimeOffset(filter.FromUtc, TimeSpan.Zero);
            var filterTo = new DateTimeOffset(filter.ToUtc, TimeSpan.Zero).AddTicks(1);
            from = filterFrom > from ? filterFrom : from;
            to = filterTo < to ? filterTo : to;
        }

        return (from, to);
    }

    public void Dispose() => Script.Dispose();
}

/// <summary>The job cannot run as requested (analysis → FAILED with this message).</summary>
public sealed class JobDefinitionException(string message) : Exception(message);
