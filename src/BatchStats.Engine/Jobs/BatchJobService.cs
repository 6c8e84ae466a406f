using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Output;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;

namespace BatchStats.Engine.Jobs;

/// <summary>
/// The lifecycle of batch statistical requests (spec §4, §7, §8): create, get, list, status, analyse/start/stop,
/// the analysis step, and the automatic transitions (analysis done, stop completed). Every change is a conditional
/// write through <see cref="JobStateRepository"/>; the work each transition implies is handed to an <see cref="IJobScheduler"/>.
/// </summary>
public sealed class BatchJobService
{
    private readonly JobStateRepository _jobs;
    private readonly IJobAnalyzer _analyzer;
    private readonly IJobScheduler _scheduler;
    private readonly BatchJobServiceOptions _options;
    private readonly TimeProvider _time;

    public BatchJobService(IJobStore store, IJobAnalyzer analyzer, IJobScheduler scheduler, BatchJobServiceOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(scheduler);
        _jobs = new JobStateRepository(store);
        _analyzer = analyzer;
        _scheduler = scheduler;
        _options = options ?? new BatchJobServiceOptions();
        _time = time ?? TimeProvider.System;
    }

    public JobStateRepository Jobs => _jobs;

    /// <summary>Validates and stores a new request in CREATED (201). The echoed request has no <c>secretAccessKey</c>.</summary>
    public async Task<BatchTask> CreateAsync(JsonObject request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _options.ValidateRequest?.Invoke(request);
        var id = Guid.NewGuid().ToString();
        var url = request["output"]?["s3"]?["url"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        OutputLocation.Parse(url ?? "", id); // rejects a missing or escaping output location up front

        var state = new JobState
        {
            Task = new BatchTask
            {
                Id = id,
                Status = BatchStatus.Created,
                UserAction = UserAction.None,
                Created = Now(),
                CostPU = 0.0,
                Request = RequestSanitizer.WithoutSecrets(request),
            },
        };
        await _jobs.CreateAsync(state, ct).ConfigureAwait(false);
        return state.Task;
    }

    /// <summary>The task object, or null for an unknown id (404).</summary>
    public async Task<BatchTask?> GetAsync(string requestId, CancellationToken ct = default) =>
        (await _jobs.GetAsync(requestId, ct).ConfigureAwait(false))?.Task;

    /// <summary>The §8 status object from the job record alone, or null for an unknown id.</summary>
    public async Task<BatchTaskStatus?> GetStatusAsync(string requestId, CancellationToken ct = default) =>
        (await GetAsync(requestId, ct).ConfigureAwait(false))?.ToStatus();

    /// <summary>The whole stored state (task, progress, analysis), or null.</summary>
    public Task<JobState?> GetStateAsync(string requestId, CancellationToken ct = default) => _jobs.GetAsync(requestId, ct);

    public Task<CommandResult> AnalyseAsync(string requestId, CancellationToken ct = default) => ApplyAsync(requestId, JobCommand.Analyse, ct);

    public Task<CommandResult> StartAsync(string requestId, CancellationToken ct = default) => ApplyAsync(requestId, JobCommand.Start, ct);

    public Task<CommandResult> StopAsync(string requestId, CancellationToken ct = default) => ApplyAsync(requestId, JobCommand.Stop, ct);

    /// <summary>Legacy <c>POST /cancel</c>: exactly <see cref="StopAsync"/> (spec §4 Decision).</summary>
    public Task<CommandResult> CancelAsync(string requestId, CancellationToken ct = default) => ApplyAsync(requestId, JobCommand.Stop, ct);

    /// <summary>Applies a user command per the §7.2 table, persists it, then schedules the implied work.</summary>
    public async Task<CommandResult> ApplyAsync(string requestId, JobCommand command, CancellationToken ct = default)
    {
        TransitionOutcome? outcome = null;
        var (state, _) = await _jobs.UpdateAsync(requestId, s =>
        {
            outcome = JobTransitions.Apply(s.Task.Status, s.Task.UserAction, command, s.Analysis is not null);
            if (outcome.Kind != TransitionKind.Accepted)
            {
                return false;
            }

            ApplyOutcome(s, outcome);
            return true;
        }, ct).ConfigureAwait(false);

        await RunEffectAsync(requestId, outcome!.Effect, ct).ConfigureAwait(false);
        return new CommandResult(outcome.Kind, state.Task, outcome.Message);
    }

    /// <summary>
    /// Runs the analysis of a job in ANALYSING (no-op otherwise): success → ANALYSIS_DONE, or PROCESSING when START
    /// was requested, or STOPPED when STOP was; an error (returned or thrown) → FAILED with <c>error</c>.
    /// </summary>
    public async Task<BatchTask> RunAnalysisAsync(string requestId, CancellationToken ct = default)
    {
        var current = await _jobs.GetAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
        if (current.Task.Status != BatchStatus.Analysing)
        {
            return current.Task;
        }

        AnalysisResult result;
        try
        {
            result = await _analyzer.AnalyzeAsync(requestId, current.Task.Request, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = AnalysisResult.Failure($"Analysis failed: {e.Message}");
        }

        var effect = JobEffect.None;
        var (state, _) = await _jobs.UpdateAsync(requestId, s =>
        {
            effect = JobEffect.None;
            if (s.Task.Status != BatchStatus.Analysing)
            {
                return false;
            }

            var now = Now();
            if (!result.Succeeded)
            {
                s.Task.Status = BatchStatus.Failed;
                s.Task.Error = result.Error;
                s.Task.LastUpdated = now;
                return true;
            }

            s.Analysis = new JobAnalysis { FeatureCount = result.FeatureCount, Completed = now, Plan = result.Plan?.DeepClone() };
            var outcome = JobTransitions.OnAnalysisSucceeded(s.Task.UserAction);
            ApplyOutcome(s, outcome);
            effect = outcome.Effect;
            return true;
        }, ct).ConfigureAwait(false);

        await RunEffectAsync(requestId, effect, ct).ConfigureAwait(false);
        return state.Task;
    }

    /// <summary>
    /// Completes a STOP on a PROCESSING job once no chunk is in flight: → STOPPED (<c>USER_ACTION</c>), keeping
    /// <c>completionPercentage</c>. A job that already finished is left as it is.
    /// </summary>
    public async Task<BatchTask> CompleteStopAsync(string requestId, CancellationToken ct = default)
    {
        var (state, _) = await _jobs.UpdateAsync(requestId, s =>
        {
            if (s.Task.Status != BatchStatus.Processing || s.Task.UserAction != UserAction.Stop)
            {
                return false;
            }

            s.Task.Status = BatchStatus.Stopped;
            s.Task.StoppedStatusReason = StoppedStatusReason.UserAction;
            s.Task.LastUpdated = Now();
            s.RefreshCompletionPercentage();
            return true;
        }, ct).ConfigureAwait(false);
        return state.Task;
    }

    /// <summary>
    /// Operator restart (CLI <c>restart</c>, not part of the public API): a DONE, FAILED or STOPPED job whose analysis
    /// completed goes back to PROCESSING; every chunk is re-run, and features with a successful result file are
    /// recounted, not reprocessed, so only failed and missing features are computed again. costPU keeps accumulating.
    /// </summary>
    public async Task<BatchTask> RestartAsync(string requestId, CancellationToken ct = default)
    {
        var (state, changed) = await _jobs.UpdateAsync(requestId, s =>
        {
            if (s.Analysis is null || s.Task.Status is not (BatchStatus.Done or BatchStatus.Failed or BatchStatus.Stopped))
            {
                return false;
            }

            s.Task.Status = BatchStatus.Processing;
            s.Task.UserAction = UserAction.Start;
            s.Task.UserActionUpdated = s.Task.LastUpdated = Now();
            s.Task.Error = null;
            s.Task.StoppedStatusReason = null;
            if (s.Progress.ChunkSize == 0 || s.Progress.TotalFeatures != s.Analysis.FeatureCount)
            {
                s.Progress.Plan(s.Analysis.FeatureCount, _options.ChooseChunkSize(s.Analysis.FeatureCount));
            }
            else
            {
                s.Progress.ResetCounters();
            }

            // Monotonic within a run; a restarted run starts again below 100 (it is no longer DONE).
            s.Task.CompletionPercentage = 0;
            s.RefreshCompletionPercentage();
            return true;
        }, ct).ConfigureAwait(false);

        if (!changed)
        {
            throw new InvalidOperationException(
                $"Batch request {requestId} cannot be restarted in status {JobTransitions.StatusName(state.Task.Status)}" +
                (state.Analysis is null ? " (its analysis never completed)." : " (only DONE, FAILED or STOPPED jobs can be)."));
        }

        await _scheduler.ProcessingRequestedAsync(requestId, ct).ConfigureAwait(false);
        return state.Task;
    }

    /// <summary>
    /// One page of tasks (spec §4.1): <paramref name="count"/> defaults to 10 and is capped at 100; <paramref name="sort"/>
    /// is <c>created</c>, <c>created:desc</c> (default), <c>status</c> or <c>status:desc</c>; <paramref name="viewToken"/>
    /// is a token from a previous page.
    /// </summary>
    public async Task<TaskPage> ListAsync(int? count = null, string? viewToken = null, string? sort = null, CancellationToken ct = default)
    {
        var pageSize = count ?? BatchJobServiceOptions.DefaultPageSize;
        if (pageSize < 1)
        {
            throw new ArgumentException($"count: must be at least 1, got {pageSize}.", nameof(count));
        }

        pageSize = Math.Min(pageSize, BatchJobServiceOptions.MaxPageSize);
        var offset = DecodeToken(viewToken);
        var all = new List<BatchTask>();
        await foreach (var state in _jobs.ListAsync(ct).ConfigureAwait(false))
        {
            all.Add(state.Task);
        }

        IEnumerable<BatchTask> ordered = (sort ?? "created:desc") switch
        {
            "created:desc" => all.OrderByDescending(t => t.Created).ThenBy(t => t.Id, StringComparer.Ordinal),
            "created" => all.OrderBy(t => t.Created).ThenBy(t => t.Id, StringComparer.Ordinal),
            "status" => all.OrderBy(t => JobTransitions.StatusName(t.Status), StringComparer.Ordinal).ThenByDescending(t => t.Created),
            "status:desc" => all.OrderByDescending(t => JobTransitions.StatusName(t.Status), StringComparer.Ordinal).ThenByDescending(t => t.Created),
            _ => throw new ArgumentException($"sort: '{sort}' is not one of created, created:desc, status, status:desc.", nameof(sort)),
        };

        var page = ordered.Skip(offset).Take(pageSize).ToList();
        var next = offset + page.Count < all.Count ? EncodeToken(offset + page.Count) : null;
        var previous = offset > 0 ? EncodeToken(Math.Max(0, offset - pageSize)) : null;
        return new TaskPage(page, EncodeToken(offset), next, previous);
    }

    private void ApplyOutcome(JobState s, TransitionOutcome outcome)
    {
        var now = Now();
        var statusChanged = s.Task.Status != outcome.Status;
        if (s.Task.UserAction != outcome.UserAction)
        {
            s.Task.UserAction = outcome.UserAction;
            s.Task.UserActionUpdated = now;
        }

        s.Task.Status = outcome.Status;
        s.Task.StoppedStatusReason = outcome.Status == BatchStatus.Stopped ? outcome.StoppedStatusReason : null;
        if (outcome.Status == BatchStatus.Processing && statusChanged && s.Analysis is not null &&
            (s.Progress.ChunkSize == 0 || s.Progress.TotalFeatures != s.Analysis.FeatureCount))
        {
            // First start: lay out the chunks. A restart after STOP keeps the layout and the committed chunks.
            s.Progress.Plan(s.Analysis.FeatureCount, _options.ChooseChunkSize(s.Analysis.FeatureCount));
        }

        s.Task.LastUpdated = now;
        s.RefreshCompletionPercentage();
    }

    private Task RunEffectAsync(string requestId, JobEffect effect, CancellationToken ct) => effect switch
    {
        JobEffect.BeginAnalysis => _scheduler.AnalysisRequestedAsync(requestId, ct),
        JobEffect.BeginProcessing => _scheduler.ProcessingRequestedAsync(requestId, ct),
        JobEffect.DrainAndStop => _scheduler.StopRequestedAsync(requestId, ct),
        _ => Task.CompletedTask,
    };

    private DateTimeOffset Now() => UtcTimestampJsonConverter.TruncateToMicroseconds(_time.GetUtcNow());

    private static string EncodeToken(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(b64));
            if (text.StartsWith("o:", StringComparison.Ordinal) &&
                int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        throw new ArgumentException($"viewtoken: '{token}' is not a token returned by this service.", "viewtoken");
    }
}
