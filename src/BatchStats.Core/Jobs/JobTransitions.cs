namespace BatchStats.Core.Jobs;

/// <summary>
/// The transition table of spec §7.2 as pure functions. Nothing here touches storage: callers persist the outcome
/// with a conditional write and then perform its <see cref="JobEffect"/>.
/// </summary>
public static class JobTransitions
{
    /// <summary>
    /// Applies a user command to a job in <paramref name="status"/> whose last user action is <paramref name="userAction"/>.
    /// <paramref name="analysisCompleted"/> tells, for <see cref="BatchStatus.Stopped"/>, whether the analysis ever
    /// finished (a restart then skips it).
    /// </summary>
    public static TransitionOutcome Apply(BatchStatus status, UserAction userAction, JobCommand command, bool analysisCompleted)
    {
        return (status, command) switch
        {
            (BatchStatus.Created, JobCommand.Analyse) => Accept(BatchStatus.Analysing, UserAction.Analyse, JobEffect.BeginAnalysis),
            (BatchStatus.Created, JobCommand.Start) => Accept(BatchStatus.Analysing, UserAction.Start, JobEffect.BeginAnalysis),
            (BatchStatus.Created, JobCommand.Stop) => NoOp(),

            (BatchStatus.Analysing, JobCommand.Analyse) => NoOp(),
            // The running analysis moves the job on when it completes (see OnAnalysisSucceeded).
            (BatchStatus.Analysing, JobCommand.Start) => Accept(BatchStatus.Analysing, UserAction.Start, JobEffect.None),
            (BatchStatus.Analysing, JobCommand.Stop) => Accept(BatchStatus.Analysing, UserAction.Stop, JobEffect.None),

            (BatchStatus.AnalysisDone, JobCommand.Analyse) => NoOp(),
            (BatchStatus.AnalysisDone, JobCommand.Start) => Accept(BatchStatus.Processing, UserAction.Start, JobEffect.BeginProcessing),
            (BatchStatus.AnalysisDone, JobCommand.Stop) =>
                Accept(BatchStatus.Stopped, UserAction.Stop, JobEffect.None, Jobs.StoppedStatusReason.UserAction),

            (BatchStatus.Processing, JobCommand.Analyse) => Reject(),
            (BatchStatus.Processing, JobCommand.Start) => NoOp(),
            // Status stays PROCESSING until the in-flight chunks are written (CompleteStop).
            (BatchStatus.Processing, JobCommand.Stop) => Accept(BatchStatus.Processing, UserAction.Stop, JobEffect.DrainAndStop),

            (BatchStatus.Stopped, JobCommand.Analyse) => Reject(),
            (BatchStatus.Stopped, JobCommand.Start) => analysisCompleted
                ? Accept(BatchStatus.Processing, UserAction.Start, JobEffect.BeginProcessing)
                : Accept(BatchStatus.Analysing, UserAction.Start, JobEffect.BeginAnalysis),
            (BatchStatus.Stopped, JobCommand.Stop) => NoOp(),

            (BatchStatus.Done or BatchStatus.Failed, JobCommand.Analyse or JobCommand.Start) => Reject(),
            (BatchStatus.Done or BatchStatus.Failed, JobCommand.Stop) => NoOp(),

            _ => throw new ArgumentOutOfRangeException(nameof(command), $"Unknown status/command pair {status}/{command}."),
        };

        TransitionOutcome NoOp() => new(TransitionKind.NoOp, status, userAction, null, JobEffect.None, null);

        TransitionOutcome Reject() => new(
            TransitionKind.Rejected, status, userAction, null, JobEffect.None,
            $"Cannot {CommandName(command)} a request in status {StatusName(status)}.");
    }

    /// <summary>Where a successful analysis leads, given the user action recorded while it ran.</summary>
    public static TransitionOutcome OnAnalysisSucceeded(UserAction userAction) => userAction switch
    {
        UserAction.Start => Accept(BatchStatus.Processing, UserAction.Start, JobEffect.BeginProcessing),
        UserAction.Stop => Accept(BatchStatus.Stopped, UserAction.Stop, JobEffect.None, Jobs.StoppedStatusReason.UserAction),
        _ => Accept(BatchStatus.AnalysisDone, userAction, JobEffect.None),
    };

    /// <summary>The spec's wire name of a status (e.g. <c>ANALYSIS_DONE</c>).</summary>
    public static string StatusName(BatchStatus status) => status switch
    {
        BatchStatus.Created => "CREATED",
        BatchStatus.Analysing => "ANALYSING",
        BatchStatus.AnalysisDone => "ANALYSIS_DONE",
        BatchStatus.Processing => "PROCESSING",
        BatchStatus.Done => "DONE",
        BatchStatus.Failed => "FAILED",
        BatchStatus.Stopped => "STOPPED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown batch status."),
    };

    /// <summary>Parses a wire status name; throws for anything outside §7.1 (including PARTIAL and CANCELED).</summary>
    public static BatchStatus ParseStatus(string name) => name switch
    {
        "CREATED" => BatchStatus.Created,
        "ANALYSING" => BatchStatus.Analysing,
        "ANALYSIS_DONE" => BatchStatus.AnalysisDone,
        "PROCESSING" => BatchStatus.Processing,
        "DONE" => BatchStatus.Done,
        "FAILED" => BatchStatus.Failed,
        "STOPPED" => BatchStatus.Stopped,
        _ => throw new FormatException($"status: '{name}' is not one of CREATED, ANALYSING, ANALYSIS_DONE, PROCESSING, DONE, FAILED, STOPPED."),
    };

    /// <summary>True while the job may still change without a user command.</summary>
    public static bool IsTerminal(BatchStatus status) => status is BatchStatus.Done or BatchStatus.Failed;

    private static TransitionOutcome Accept(BatchStatus status, UserAction action, JobEffect effect, StoppedStatusReason? reason = null) =>
        new(TransitionKind.Accepted, status, action, reason, effect, null);

    private static string CommandName(JobCommand command) => command switch
    {
        JobCommand.Analyse => "analyse",
        JobCommand.Start => "start",
        _ => "stop",
    };
}
