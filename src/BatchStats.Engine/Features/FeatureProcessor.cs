using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using BatchStats.Core.Results;
using BatchStats.Core.Statistics;
using BatchStats.Core.Time;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;
using BatchStats.Evalscript;
using BatchStats.Geo;
using BatchStats.Imagery.Mosaic;
using BatchStats.Imagery.Stac;
using NetTopologySuite.Geometries;
using EvalSampleSet = BatchStats.Evalscript.SampleSet;

namespace BatchStats.Engine.Features;

/// <summary>
/// The per-feature pipeline (issue 6 item 3): GeoPackage feature → grid (S8/S9) and Subsample16 mask (S12, once per
/// feature) → scenes per interval (S6, S7, S14) → mosaic/resample (S15–S17) with input dataMask = polygon AND source
/// data (S13) → evalscript → accumulators in row-major order (S19–S32) → the §9.2 document and its cost (S33).
/// Scenes are searched once per chunk for the whole time range and filtered per feature and interval.
/// </summary>
public sealed class FeatureProcessor : IFeatureProcessor
{
    private readonly IObjectStore _objects;
    private readonly FeatureFileCache _files;
    private readonly IStacCatalog _catalog;
    private readonly SceneMosaicker _mosaicker;
    private readonly FeatureProcessorOptions _options;
    private readonly ConcurrentDictionary<string, Lazy<Task<JobDefinition>>> _definitions = new(StringComparer.Ordinal);

    public FeatureProcessor(IObjectStore objects, FeatureFileCache files, IStacCatalog catalog, CogImageProvider images, FeatureProcessorOptions? options = null)
    {
        _objects = objects ?? throw new ArgumentNullException(nameof(objects));
        _files = files ?? throw new ArgumentNullException(nameof(files));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _mosaicker = new SceneMosaicker(images ?? throw new ArgumentNullException(nameof(images)));
        _options = options ?? new FeatureProcessorOptions();
    }

    public async Task<IReadOnlyList<FeatureKey>> DescribeAsync(JobContext job, long firstIndex, int count, CancellationToken ct)
    {
        var path = await _files.GetLocalPathAsync(FeaturesUrl(job), ct).ConfigureAwait(false);
        using var reader = OpenReader(path, validate: false);
        var keys = new List<FeatureKey>(count);
        var index = firstIndex;
        foreach (var feature in reader.ReadPage(firstIndex, count))
        {
            keys.Add(new FeatureKey(index++, feature.Id, EffectiveIdentifier(reader, feature)));
        }

        return keys;
    }

    public async IAsyncEnumerable<FeatureOutcome> ProcessAsync(JobContext job, IReadOnlyList<FeatureKey> features, [EnumeratorCancellation] CancellationToken ct)
    {
        if (features.Count == 0)
        {
            yield break;
        }

        var definition = await GetDefinitionAsync(job, ct).ConfigureAwait(false);
        var (byId, epsg, boxes) = await ReadFeaturesAsync(definition, features, ct).ConfigureAwait(false);
        var scenes = await SearchScenesAsync(definition, boxes.Values, ct).ConfigureAwait(false);

        foreach (var key in features)
        {
            ct.ThrowIfCancellationRequested();
            FeatureOutcome outcome;
            try
            {
                outcome = byId.TryGetValue(key.Id, out var row)
                    ? await ProcessFeatureAsync(definition, key, row, epsg, boxes.GetValueOrDefault(row.Id), scenes, ct).ConfigureAwait(false)
                    : Failed(key, ResultError.ExecutionError, $"feature {key.Id} is no longer in the GeoPackage");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // §9.3: an unexpected failure of this feature only.
                outcome = Failed(key, ResultError.ExecutionError, e.Message);
            }

            yield return outcome;
        }
    }

    public async Task<IReadOnlyList<double>> CostOfWrittenResultsAsync(JobContext job, IReadOnlyList<WrittenResult> results, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(results);
        var costs = new double[results.Count];
        var emitted = results.Select(r => ResultDocuments.EmittedIntervals(r.Document.Span)).ToList();
        var charged = Enumerable.Range(0, results.Count).Where(i => emitted[i].Count > 0).ToList();
        if (charged.Count == 0)
        {
            return costs; // error documents and documents without emitted intervals were charged nothing
        }

        // Read the same way ProcessAsync does: one GeoPackage page and one scene search for the whole chunk.
        var definition = await GetDefinitionAsync(job, ct).ConfigureAwait(false);
        var keys = charged.Select(i => results[i].Feature).OrderBy(k => k.Index).ToList();
        var (byId, _, boxes) = await ReadFeaturesAsync(definition, keys, ct).ConfigureAwait(false);
        var scenes = definition.Mosaicking == MosaickingKind.Simple ? [] : await SearchScenesAsync(definition, boxes.Values, ct).ConfigureAwait(false);
        var intervals = new Dictionary<ResultInterval, TimeInterval>();
        foreach (var interval in definition.Intervals)
        {
            intervals.TryAdd(interval.ToResultInterval(), interval);
        }

        foreach (var i in charged)
        {
            var key = results[i].Feature;
            if (!byId.TryGetValue(key.Id, out var row) || !row.IsOk || row.Geometry is not { IsEmpty: false } geometry)
            {
                throw new InvalidOperationException(
                    $"Cannot recount the cost of feature {key.Id}: its result has emitted intervals but the GeoPackage has no valid geometry for it.");
            }

            var grid = SampleGrid.FromResolution(geometry.EnvelopeInternal, definition.ResX, definition.ResY);
            var box = boxes[key.Id];
            var featureScenes = SceneSelection.Filter(scenes, definition.SearchFrom, definition.SearchTo, definition.MaxCloudCoverage, box);
            var cost = 0.0;
            foreach (var (from, to) in emitted[i])
            {
                if (!intervals.TryGetValue(new ResultInterval(from, to), out var interval))
                {
                    throw new InvalidOperationException(
                        $"Cannot recount the cost of feature {key.Id}: its result has interval {from}/{to}, which the request does not define.");
                }

                // SIMPLE charges do not depend on the scenes (only on there being some, which the emitted interval proves).
                var inputScenes = definition.Mosaicking == MosaickingKind.Simple
                    ? []
                    : InputScenes(definition, interval, SceneSelection.Filter(featureScenes, Start(interval), End(interval), definition.MaxCloudCoverage, box));
                cost += IntervalCharge(definition, grid, inputScenes);
            }

            costs[i] = cost;
        }

        return costs;
    }

    private async Task<(Dictionary<long, GeoFeature> ById, int Epsg, Dictionary<long, GeoBox> Boxes)> ReadFeaturesAsync(
        JobDefinition definition, IReadOnlyList<FeatureKey> features, CancellationToken ct)
    {
        var path = await _files.GetLocalPathAsync(definition.FeaturesUrl, ct).ConfigureAwait(false);
        List<GeoFeature> rows;
        int epsg;
        using (var reader = OpenReader(path, validate: true))
        {
            epsg = reader.Epsg;
            var wanted = features.Select(f => f.Id).ToHashSet();
            var first = features[0].Index;
            var span = checked((int)(features[^1].Index - first + 1));
            rows = reader.ReadPage(first, span).Where(f => wanted.Contains(f.Id)).ToList();
        }

        var toWgs84 = CrsTransform.Create(epsg, EpsgCrs.Wgs84);
        var boxes = new Dictionary<long, GeoBox>();
        foreach (var row in rows)
        {
            if (row.IsOk && row.Geometry is { IsEmpty: false } g)
            {
                boxes[row.Id] = ToGeoBox(toWgs84.TransformEnvelope(g.EnvelopeInternal));
            }
        }

        return (rows.ToDictionary(r => r.Id), epsg, boxes);
    }

    /// <summary>Scenes for every feature of a chunk at once; each feature and interval filters them (S14).</summary>
    private async Task<IReadOnlyList<StacItem>> SearchScenesAsync(JobDefinition definition, IEnumerable<GeoBox> boxes, CancellationToken ct)
    {
        var all = boxes.ToList();
        return all.Count == 0 || definition.Intervals.Count == 0
            ? []
            : await _catalog.SearchAsync(definition.Collection.Id, Union(all), definition.SearchFrom, definition.SearchTo,
                definition.MaxCloudCoverage, ct).ConfigureAwait(false);
    }

    private async Task<FeatureOutcome> ProcessFeatureAsync(
        JobDefinition definition, FeatureKey key, GeoFeature row, int epsg, GeoBox box, IReadOnlyList<StacItem> chunkScenes, CancellationToken ct)
    {
        if (!row.IsOk || row.Geometry is not { IsEmpty: false } geometry)
        {
            return Failed(key, ResultError.BadRequest, row.Error ?? "the feature has an empty geometry");
        }

        SampleGrid grid;
        try
        {
            grid = SampleGrid.FromResolution(geometry.EnvelopeInternal, definition.ResX, definition.ResY);
        }
        catch (ArgumentException e)
        {
            return Failed(key, ResultError.BadRequest, e.Message);
        }

        var (data, cost) = await ComputeIntervalsAsync(definition, geometry, grid, epsg, box, chunkScenes, ct).ConfigureAwait(false);
        var result = FeatureResult.Success(key.Id, key.Identifier, data);
        var emitted = data.Count(d => d.Outputs is not null);
        var status = result.Response!.Status;
        return new FeatureOutcome(key, Serialize(result), status == ResponseStatus.Ok, emitted, cost,
            status == ResponseStatus.Ok ? null : $"{data.Count - emitted} of {data.Count} intervals failed: {data.First(d => d.Error is not null).Error!.Message}");
    }

    /// <summary>
    /// One in-memory geometry (in EPSG <paramref name="epsg"/>) over <paramref name="grid"/>, outside any GeoPackage: searches
    /// the scenes for the grid's footprint and runs the per-feature core. The sync Statistical API (§10) uses this.
    /// </summary>
    internal async Task<(List<IntervalResult> Data, double Cost)> ProcessGeometryAsync(
        JobDefinition definition, Geometry geometry, SampleGrid grid, int epsg, CancellationToken ct)
    {
        var box = ToGeoBox(CrsTransform.Create(epsg, EpsgCrs.Wgs84).TransformEnvelope(grid.Envelope));
        var scenes = definition.Intervals.Count == 0
            ? []
            : await _catalog.SearchAsync(definition.Collection.Id, box, definition.SearchFrom, definition.SearchTo, definition.MaxCloudCoverage, ct)
                .ConfigureAwait(false);
        return await ComputeIntervalsAsync(definition, geometry, grid, epsg, box, scenes, ct).ConfigureAwait(false);
    }

    /// <summary>The per-feature core: mask once (S12), then every interval with a scene (S7); interval failures stay in the list (§9.3).</summary>
    private async Task<(List<IntervalResult> Data, double Cost)> ComputeIntervalsAsync(
        JobDefinition definition, Geometry geometry, SampleGrid grid, int epsg, GeoBox box, IReadOnlyList<StacItem> chunkScenes, CancellationToken ct)
    {
        // S12: the mask depends only on the feature and its grid; computed once, reused for every interval.
        var mask = MaskBuilder.Build(geometry, grid, _options.MaskRule);
        var affine = new AffineSampleGrid(grid.MinX, grid.MaxY, grid.PixelWidth, grid.PixelHeight, grid.Width, grid.Height, epsg, TransformCentres);
        var featureScenes = SceneSelection.Filter(chunkScenes, definition.SearchFrom, definition.SearchTo, definition.MaxCloudCoverage, box);
        var data = new List<IntervalResult>();
        var cost = 0.0;
        foreach (var interval in definition.Intervals)
        {
            var from = new DateTimeOffset(interval.Start, TimeSpan.Zero);
            var to = new DateTimeOffset(interval.End, TimeSpan.Zero);
            var scenes = SceneSelection.Filter(featureScenes, from, to, definition.MaxCloudCoverage, box);
            if (scenes.Count == 0)
            {
                continue; // S7: no tile → the interval is omitted
            }

            try
            {
                var computed = await ComputeIntervalAsync(definition, interval, scenes, mask, affine, ct).ConfigureAwait(false);
                if (computed is { } c)
                {
                    data.Add(c.Result);
                    cost += IntervalCharge(definition, grid, c.InputScenes);
                }
            }
            catch (EvalscriptExecutionException e)
            {
                var type = e.Kind == EvalscriptFailureKind.Timeout ? ResultError.Timeout : ResultError.ExecutionError;
                data.Add(IntervalResult.Failure(interval.ToResultInterval(), new ResultError(type, e.Message)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A source read or decode failure affects this interval only (§9.3).
                data.Add(IntervalResult.Failure(interval.ToResultInterval(), new ResultError(ResultError.ExecutionError, e.Message)));
            }
        }

        return (data, cost);
    }

    /// <summary>
    /// One emitted interval and the scenes it was computed from, or null when preProcessScenes removed every scene (S7).
    /// </summary>
    private async Task<(IntervalResult Result, IReadOnlyList<StacItem> InputScenes)?> ComputeIntervalAsync(
        JobDefinition definition, TimeInterval interval, IReadOnlyList<StacItem> scenes, PixelMask mask, AffineSampleGrid grid, CancellationToken ct)
    {
        var n = grid.Width * grid.Height;
        var inputScenes = InputScenes(definition, interval, scenes);
        if (inputScenes.Count == 0)
        {
            return null;
        }

        EvaluationResult evaluation;
        if (definition.Mosaicking == MosaickingKind.Simple)
        {
            var mosaic = await MosaicAsync(definition, inputScenes, grid, ct).ConfigureAwait(false);
            var samples = ToEvalSamples(definition, mosaic.Samples[0], mask, n);
            evaluation = definition.Script.EvaluatorForCurrentThread.Evaluate(samples);
        }
        else
        {
            var mosaic = await MosaicAsync(definition, inputScenes, grid, ct).ConfigureAwait(false);
            var sets = mosaic.Samples.Select(s => ToEvalSamples(definition, s, mask, n)).ToList();
            var description = Describe(definition, Start(interval), End(interval), mosaic.Samples.Select(s => s.Scenes).ToList());
            evaluation = definition.Script.EvaluatorForCurrentThread.Evaluate(sets, description, n);
        }

        var outputs = new OrderedDictionary<string, OutputResult>(StringComparer.Ordinal);
        foreach (var output in evaluation.Outputs)
        {
            var integer = JobDefinition.IsInteger(output.Output.SampleType);
            var bands = new OrderedDictionary<string, BandResult>(StringComparer.Ordinal);
            for (var b = 0; b < output.BandNames.Count; b++)
            {
                // S32: one accumulator per band, fed in row-major pixel order.
                var accumulator = new BandAccumulator(definition.Calculations.Resolve(output.Id, output.BandNames[b], integer));
                accumulator.AddRange(output.Bands[b].AsSpan(0, n), output.Valid.AsSpan(0, n));
                bands[output.BandNames[b]] = accumulator.ToResult();
            }

            outputs[output.Id] = new OutputResult { Bands = bands };
        }

        return (IntervalResult.Success(interval.ToResultInterval(), outputs), inputScenes);
    }

    /// <summary>
    /// The scenes an interval is computed from: SIMPLE all of <paramref name="scenes"/> (the interval's filtered
    /// scenes); ORBIT/TILE those preProcessScenes keeps, in mosaicking order. Reads no pixels, so the cost recount
    /// (<see cref="CostOfWrittenResultsAsync"/>) calls it too.
    /// </summary>
    private static IReadOnlyList<StacItem> InputScenes(JobDefinition definition, TimeInterval interval, IReadOnlyList<StacItem> scenes)
    {
        if (definition.Mosaicking == MosaickingKind.Simple)
        {
            return scenes;
        }

        var ordered = SceneSelection.Order(scenes, definition.Order);
        var kept = definition.Script.EvaluatorForCurrentThread.PreProcessScenes(
            Describe(definition, Start(interval), End(interval), Group(definition, ordered)));
        var keptPaths = (definition.Mosaicking == MosaickingKind.Orbit ? kept.Orbits.SelectMany(o => o.Tiles) : kept.Tiles)
            .Select(t => t.DataPath).ToHashSet(StringComparer.Ordinal);
        return ordered.Where(s => keptPaths.Contains(SceneTiles.From(s).DataPath)).ToList();
    }

    /// <summary>
    /// S33: the PU one emitted interval of a feature costs. The only place the charge is computed, both when
    /// processing and when recounting a written result. Samples per pixel = the sample sets the mosaicker makes from
    /// <paramref name="inputScenes"/>: 1 for SIMPLE, one per UTC day (ORBIT) or per scene (TILE).
    /// </summary>
    private double IntervalCharge(JobDefinition definition, SampleGrid grid, IReadOnlyList<StacItem> inputScenes)
    {
        var samplesPerPixel = definition.Mosaicking == MosaickingKind.Simple ? 1 : Math.Max(1, Group(definition, inputScenes).Count);
        return _options.Cost.FeatureInterval(grid.Width, grid.Height, definition.Bands.Count, samplesPerPixel);
    }

    private static DateTimeOffset Start(TimeInterval interval) => new(interval.Start, TimeSpan.Zero);

    private static DateTimeOffset End(TimeInterval interval) => new(interval.End, TimeSpan.Zero);

    private Task<MosaicResult> MosaicAsync(JobDefinition definition, IReadOnlyList<StacItem> scenes, AffineSampleGrid grid, CancellationToken ct) =>
        _mosaicker.MosaicAsync(new MosaicRequest(definition.Collection, scenes, definition.Bands, grid, definition.Mosaicking, definition.Order,
            definition.Upsampling, definition.HarmonizeValues), ct);

    /// <summary>S13: input dataMask = inside the polygon AND source data; every band value is 0 where it is 0.</summary>
    private static EvalSampleSet ToEvalSamples(JobDefinition definition, Imagery.Mosaic.SampleSet mosaic, PixelMask mask, int n)
    {
        var dataMask = new byte[n];
        var inside = mask.Inside;
        for (var i = 0; i < n; i++)
        {
            dataMask[i] = (byte)(mosaic.DataMask[i] & inside[i]);
        }

        var bands = new float[definition.Bands.Count][];
        for (var b = 0; b < bands.Length; b++)
        {
            var values = mosaic.Bands[definition.Bands[b].Band];
            for (var i = 0; i < n; i++)
            {
                if (dataMask[i] == 0)
                {
                    values[i] = 0;
                }
            }

            bands[b] = values;
        }

        return new EvalSampleSet(n, bands, dataMask);
    }

    private static List<List<StacItem>> Group(JobDefinition definition, IReadOnlyList<StacItem> ordered) =>
        definition.Mosaicking == MosaickingKind.Orbit
            ? ordered.GroupBy(s => s.Datetime.UtcDateTime.Date).Select(g => g.ToList()).ToList()
            : ordered.Select(s => new List<StacItem> { s }).ToList();

    private static ScenesDescription Describe(JobDefinition definition, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<IReadOnlyList<StacItem>> groups) =>
        definition.Mosaicking == MosaickingKind.Orbit
            ? new ScenesDescription(from, to, orbits: groups.Select(SceneTiles.Orbit).ToArray())
            : new ScenesDescription(from, to, tiles: groups.Select(g => SceneTiles.From(g[0])).ToArray());

    private async Task<JobDefinition> GetDefinitionAsync(JobContext job, CancellationToken ct)
    {
        if (_definitions.Count > _options.MaxCachedJobs)
        {
            _definitions.Clear(); // dropped definitions are collected once their in-flight features finish
        }

        var lazy = _definitions.GetOrAdd(job.RequestId, _ => new Lazy<Task<JobDefinition>>(
            () => JobDefinition.LoadAsync(job.Request, _objects, _options.Validation, CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _definitions.TryRemove(new KeyValuePair<string, Lazy<Task<JobDefinition>>>(job.RequestId, lazy));
            throw;
        }
    }

    private static FeatureOutcome Failed(FeatureKey key, string type, string message)
    {
        var document = Serialize(FeatureResult.Failure(key.Id, key.Identifier, new ResultError(type, message)));
        return new FeatureOutcome(key, document, false, 0, 0, message);
    }

    private static byte[] Serialize(FeatureResult result)
    {
        using var buffer = new MemoryStream();
        ResultJsonWriter.WriteFeature(buffer, result);
        return buffer.ToArray();
    }

    private static GeoPackageReader OpenReader(string path, bool validate) =>
        GeoPackageReader.Open(path, new GeoPackageReaderOptions { CheckMixedSrs = false, ValidateGeometry = validate });

    /// <summary>§9.2 item 9: the column value (null for SQL NULL); without the column, the feature id as a string.</summary>
    private static string? EffectiveIdentifier(GeoPackageReader reader, GeoFeature feature) =>
        reader.IdentifierColumn is null ? feature.Id.ToString(CultureInfo.InvariantCulture) : feature.Identifier;

    private static string FeaturesUrl(JobContext job) =>
        (string?)job.Request["input"]?["features"]?["s3"]?["url"] ?? throw new InvalidOperationException("input.features.s3.url is missing");

    private static void TransformCentres(int fromEpsg, int toEpsg, double[] xs, double[] ys)
    {
        var transform = CrsTransform.Create(fromEpsg, toEpsg); // not thread-safe: one per call
        for (var i = 0; i < xs.Length; i++)
        {
            transform.Transform(ref xs[i], ref ys[i]);
        }
    }

    private static GeoBox ToGeoBox(Envelope e) => new(e.MinX, e.MinY, e.MaxX, e.MaxY);

    private static GeoBox Union(IEnumerable<GeoBox> boxes)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var b in boxes)
        {
            minX = Math.Min(minX, b.MinX);
            minY = Math.Min(minY, b.MinY);
            maxX = Math.Max(maxX, b.MaxX);
            maxY = Math.Max(maxY, b.MaxY);
        }

        return new GeoBox(minX, minY, maxX, maxY);
    }
}
