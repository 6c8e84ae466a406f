using System.CommandLine;
using BatchStats.Cli.Infrastructure;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Local;

namespace BatchStats.Cli.Commands;

/// <summary>
/// <c>batchstats watch &lt;requestId&gt;</c>: polls the job record (written by whichever process runs the job) until
/// DONE, FAILED or STOPPED. Exit 0 DONE, 1 FAILED/STOPPED or unknown id.
/// </summary>
public sealed class WatchCommand : ICliCommand
{
    /// <summary>No change for this long while PROCESSING: probably no process is running the job any more.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

    public Command Build(CliContext context)
    {
        var id = new Argument<string>("requestId") { Description = "the job's request id" };
        var interval = new Option<double>("--interval") { Description = "seconds between polls", DefaultValueFactory = _ => 0.5, HelpName = "s" };
        var timeout = new Option<double?>("--timeout") { Description = "give up (exit 1) after this many seconds", HelpName = "s" };
        var command = new Command("watch", "follow a job until DONE/FAILED/STOPPED with a progress bar. Exit codes: 0 DONE, 1 FAILED, STOPPED, timeout or unknown id")
        {
            id, interval, timeout,
        };
        command.SetAction(parse => CommandExecution.Run(context, "watch", parse, ct =>
            ExecuteAsync(context, parse.GetValue(id)!, TimeSpan.FromSeconds(Math.Max(0.05, parse.GetValue(interval))),
                parse.GetValue(timeout) is { } t ? TimeSpan.FromSeconds(t) : null, ct)));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, string requestId, TimeSpan interval, TimeSpan? timeout, CancellationToken ct)
    {
        await using var engine = context.CreateEngine();
        _ = await engine.GetStateAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reporter = new ProgressReporter(context, context.Output);
        var final = await reporter.RunAsync("watch", async progress =>
        {
            var lastChange = clock.Elapsed;
            string? lastSeen = null;
            var warned = false;
            while (true)
            {
                var state = await engine.GetStateAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
                var p = state.Progress;
                var update = new JobProgressUpdate(requestId, state.Task.Status, state.Analysis?.FeatureCount ?? p.TotalFeatures,
                    p.DoneFeatures, p.FailedFeatures, p.EmittedIntervals, state.Task.CostPU, clock.Elapsed, null);
                progress.Report(update);
                if (update.IsTerminal)
                {
                    return state;
                }

                var seen = $"{state.Task.Status}/{p.FinishedFeatures}/{state.Task.LastUpdated:O}";
                if (seen != lastSeen)
                {
                    lastSeen = seen;
                    lastChange = clock.Elapsed;
                }
                else if (!warned && clock.Elapsed - lastChange > StaleAfter)
                {
                    warned = true;
                    context.Error.WriteLine($"batchstats watch: no progress for {StaleAfter.TotalSeconds:0} s; jobs run inside the process that started them.");
                    context.Error.WriteLine($"hint: if that process ended, `batchstats restart {requestId}` resumes the job here");
                }

                if (timeout is { } limit && clock.Elapsed > limit)
                {
                    throw new CliUserException($"job {requestId} still {JobTransitions.StatusName(state.Task.Status)} after {limit.TotalSeconds:0} s");
                }

                await Task.Delay(interval, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        var name = JobTransitions.StatusName(final.Task.Status);
        if (final.Task.Status == BatchStatus.Done)
        {
            context.Output.WriteLine($"job {requestId} {name}");
            return ExitCodes.Ok;
        }

        context.Error.WriteLine($"batchstats watch: job {requestId} ended {name}{(final.Task.Error is { } e ? ": " + e : "")}");
        return ExitCodes.Failed;
    }
}
