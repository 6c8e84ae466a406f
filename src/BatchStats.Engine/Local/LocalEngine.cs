using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Core.Requests;
using BatchStats.Core.Validation;
using BatchStats.Engine.Features;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Output;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;
using BatchStats.Export;
using BatchStats.Imagery.Mosaic;
using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Stac;
using BatchStats.Imagery.Tiff;

namespace BatchStats.Engine.Local;

/// <summary>
/// The embedded default: the whole Batch Statistical service in this process with zero external services. Jobs live
/// in <c>&lt;state&gt;/jobs</c>, <c>s3://bucket/key</c> maps to <c>&lt;state&gt;/buckets/bucket/key</c>, <c>file://</c> and
/// plain paths are used as they are; analysis and processing run as background tasks (<see cref="LocalJobScheduler"/>)
/// with <see cref="LocalEngineOptions.Workers"/> parallel chunks. The CLI, the REST API and the demo all use this facade.
/// <para>Disposing the engine abandons running work like a crash: jobs stay PROCESSING and
/// <see cref="RestartAsync"/> (in this or a later process) resumes them without redoing finished features.</para>
/// </summary>
public sealed class LocalEngine : IAsyncDisposable
{
    private readonly LocalEngineOptions _options;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly HttpClient? _ownedHttp;
    private readonly LocalJobScheduler _scheduler;
    private readonly CogImageProvider _images;
    private readonly FeatureFileCache _featureFiles;

    public LocalEngine(LocalEngineOptions? options = null)
    {
        _options = options ?? new LocalEngineOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Workers, 1, nameof(options));
        StateDirectory = _options.ResolveStateDirectory();
        var http = _options.Http ?? (_ownedHttp = new HttpClient());
        Objects = new FileSystemObjectStore(Path.Combine(StateDirectory, "buckets"));
        JobStore = new FileJobStore(Path.Combine(StateDirectory, "jobs"));
        Stac = _options.ResolveStac();
        Catalog = StacCatalogs.Open(Stac, http);
        _images = new CogImageProvider(new FileAndHttpByteSourceFactory(http), new TileCache(_options.TileCacheBytes));
        _featureFiles = new FeatureFileCache(Objects);
        var analyzer = new JobAnalyzer(Objects, _featureFiles);
        Processor = new FeatureProcessor(Objects, _featureFiles, Catalog, _images, new FeatureProcessorOptions { Cost = _options.Cost });
        _scheduler = new LocalJobScheduler(_shutdown.Token);
        Service = new BatchJobService(JobStore, analyzer, _scheduler,
            new BatchJobServiceOptions { ChunkSize = _options.ChunkSize, ValidateRequest = ValidateRequest });
        Runner = new LocalJobRunner(JobStore, Objects, new InProcessWorkQueue(), Processor, new JobRunnerOptions { Workers = _options.Workers });
        _scheduler.Bind(Service, Runner);
    }

    /// <summary>The resolved state folder (jobs and buckets).</summary>
    public string StateDirectory { get; }

    /// <summary>The STAC location in use; null = Earth Search v1.</summary>
    public string? Stac { get; }

    public IStacCatalog Catalog { get; }

    /// <summary>The lifecycle service (the REST API serves it directly).</summary>
    public BatchJobService Service { get; }

    public FileSystemObjectStore Objects { get; }

    public FileJobStore JobStore { get; }

    public FeatureProcessor Processor { get; }

    public LocalJobRunner Runner { get; }

    /// <summary>Unexpected exceptions of background work (diagnostics).</summary>
    public IReadOnlyCollection<Exception> BackgroundErrors => _scheduler.Errors;

    /// <summary>
    /// Validates and stores a request (CREATED). Relative paths resolve against <paramref name="baseDirectory"/>
    /// (default <see cref="LocalEngineOptions.BaseDirectory"/>, else the current folder). Throws
    /// <see cref="RequestValidationException"/> listing every problem with its JSON path.
    /// </summary>
    public Task<BatchTask> CreateAsync(string requestJson, string? baseDirectory = null, CancellationToken ct = default) =>
        Service.CreateAsync(ParseRequest(requestJson, baseDirectory), ct);

    public Task<CommandResult> AnalyseAsync(string requestId, CancellationToken ct = default) => Service.AnalyseAsync(requestId, ct);

    public Task<CommandResult> StartAsync(string requestId, CancellationToken ct = default) => Service.StartAsync(requestId, ct);

    public Task<CommandResult> StopAsync(string requestId, CancellationToken ct = default) => Service.StopAsync(requestId, ct);

    public Task<BatchTask?> GetAsync(string requestId, CancellationToken ct = default) => Service.GetAsync(requestId, ct);

    /// <summary>Task plus progress counters, or null for an unknown id.</summary>
    public Task<JobState?> GetStateAsync(string requestId, CancellationToken ct = default) => Service.GetStateAsync(requestId, ct);

    public Task<TaskPage> ListAsync(int? count = null, string? viewToken = null, string? sort = null, CancellationToken ct = default) =>
        Service.ListAsync(count, viewToken, sort, ct);

    /// <summary>
    /// Operator restart: a DONE/FAILED/STOPPED job reprocesses only failed and missing features; a job left in
    /// PROCESSING or ANALYSING by a crash is resumed. Throws <see cref="JobNotFoundException"/> for an unknown id and
    /// <see cref="InvalidOperationException"/> for a job that cannot be restarted (CREATED, ANALYSIS_DONE, never analysed).
    /// </summary>
    public async Task<BatchTask> RestartAsync(string requestId, CancellationToken ct = default)
    {
        var state = await Service.GetStateAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
        switch (state.Task.Status)
        {
            case BatchStatus.Processing:
                await _scheduler.ProcessingRequestedAsync(requestId, ct).ConfigureAwait(false);
                return state.Task;
            case BatchStatus.Analysing:
                await _scheduler.AnalysisRequestedAsync(requestId, ct).ConfigureAwait(false);
                return state.Task;
            default:
                return await Service.RestartAsync(requestId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>create → analyse → start → process → export (issue 6 <c>run</c>).</summary>
    public async Task<LocalRunSummary> RunToCompletionAsync(string requestJson, IProgress<JobProgressUpdate>? progress = null,
        CancellationToken ct = default, string? baseDirectory = null)
    {
        var task = await CreateAsync(requestJson, baseDirectory, ct).ConfigureAwait(false);
        await Service.StartAsync(task.Id, ct).ConfigureAwait(false);
        return await WaitAsync(task.Id, progress, ct).ConfigureAwait(false);
    }

    /// <summary><see cref="RunToCompletionAsync"/> for a request file; its relative paths resolve against the file's folder.</summary>
    public async Task<LocalRunSummary> RunFileAsync(string requestPath, IProgress<JobProgressUpdate>? progress = null, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(requestPath);
        var json = await File.ReadAllTextAsync(full, ct).ConfigureAwait(false);
        return await RunToCompletionAsync(json, progress, ct, Path.GetDirectoryName(full)).ConfigureAwait(false);
    }

    /// <summary>
    /// Reports progress until the job is DONE, FAILED or STOPPED, then exports a DONE job (plain-prefix outputs) and
    /// returns the summary. Cancelling <paramref name="ct"/> stops waiting only; the job keeps running in this engine.
    /// </summary>
    public async Task<LocalRunSummary> WaitAsync(string requestId, IProgress<JobProgressUpdate>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? processingStarted = null;
        long finishedAtStart = -1;
        while (true)
        {
            var state = await Service.GetStateAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
            var p = state.Progress;
            if (state.Task.Status == BatchStatus.Processing && processingStarted is null)
            {
                processingStarted = clock.Elapsed;
                finishedAtStart = p.FinishedFeatures;
            }

            var update = new JobProgressUpdate(requestId, state.Task.Status, state.Analysis?.FeatureCount ?? p.TotalFeatures, p.DoneFeatures,
                p.FailedFeatures, p.EmittedIntervals, state.Task.CostPU, clock.Elapsed,
                Eta(clock.Elapsed, processingStarted, finishedAtStart, p.FinishedFeatures, p.TotalFeatures));
            progress?.Report(update);
            if (update.IsTerminal)
            {
                return await SummarizeAsync(state, clock.Elapsed, ct).ConfigureAwait(false);
            }

            await Task.Delay(_options.ProgressInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// (Re)builds <c>&lt;job folder&gt;/export/</c> (Parquet, CSV, failures.csv, index.sqlite) from the result files.
    /// Returns the Parquet and CSV paths, or nulls for templated outputs (results are not in one folder).
    /// </summary>
    public async Task<(string? Parquet, string? Csv)> ExportAsync(string requestId, CancellationToken ct = default)
    {
        var state = await Service.GetStateAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
        var output = Output(state);
        if (output.IsTemplate)
        {
            return (null, null);
        }

        var folder = Objects.ResolvePath(output.JobFolder);
        if (!Directory.Exists(folder))
        {
            return (null, null);
        }

        var (result, exportFolder) = await LocalJobExporter.ExportAsync(folder, requestId, ct: ct).ConfigureAwait(false);
        string? PathOf(string name) => result.Files.Contains(name) ? Path.Combine(exportFolder, name) : null;
        return (PathOf(ExportFileNames.Parquet), PathOf(ExportFileNames.Csv));
    }

    /// <summary>The local folder of a job's result files (null for templated outputs).</summary>
    public async Task<string?> GetOutputFolderAsync(string requestId, CancellationToken ct = default)
    {
        var state = await Service.GetStateAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
        var output = Output(state);
        return output.IsTemplate ? null : Objects.ResolvePath(output.JobFolder);
    }

    private async Task<LocalRunSummary> SummarizeAsync(JobState state, TimeSpan elapsed, CancellationToken ct)
    {
        var output = Output(state);
        string? parquet = null, csv = null;
        if (state.Task.Status == BatchStatus.Done && _options.Export)
        {
            (parquet, csv) = await ExportAsync(state.Task.Id, ct).ConfigureAwait(false);
        }

        var p = state.Progress;
        return new LocalRunSummary(state.Task.Id, state.Task.Status, output.IsTemplate ? output.Prefix : output.JobFolder,
            output.IsTemplate ? null : Objects.ResolvePath(output.JobFolder), state.Analysis?.FeatureCount ?? p.TotalFeatures,
            p.DoneFeatures, p.FailedFeatures, p.EmittedIntervals, state.Task.CostPU, parquet, csv, state.Task.Error, elapsed);
    }

    private static OutputLocation Output(JobState state) =>
        OutputLocation.Parse((string?)state.Task.Request["output"]?["s3"]?["url"] ?? "", state.Task.Id);

    private static TimeSpan? Eta(TimeSpan now, TimeSpan? started, long finishedAtStart, long finished, long total)
    {
        var doneHere = finished - finishedAtStart;
        if (started is null || doneHere <= 0 || total <= finished)
        {
            return total > 0 && total <= finished ? TimeSpan.Zero : null;
        }

        var perFeature = (now - started.Value).TotalSeconds / doneHere;
        return TimeSpan.FromSeconds(perFeature * (total - finished));
    }

    private JsonObject ParseRequest(string requestJson, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(requestJson);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(requestJson);
        }
        catch (JsonException e)
        {
            throw new RequestValidationException([new ValidationProblem("", BatchRequestParser.MalformedMessage(e))]);
        }

        if (node is not JsonObject request)
        {
            throw new RequestValidationException([new ValidationProblem("", "the request must be a JSON object")]);
        }

        RequestPaths.ResolveRelative(request, baseDirectory ?? _options.BaseDirectory ?? Directory.GetCurrentDirectory());
        return request;
    }

    private static void ValidateRequest(JsonObject request)
    {
        using var document = JsonDocument.Parse(request.ToJsonString());
        var problems = RequestValidator.Validate(document.RootElement, ValidationOptions.Local);
        if (problems.Count > 0)
        {
            throw new RequestValidationException(problems);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await _scheduler.WhenIdleAsync().ConfigureAwait(false);
        _images.Dispose();
        _featureFiles.Dispose();
        _ownedHttp?.Dispose();
        _shutdown.Dispose();
    }
}
