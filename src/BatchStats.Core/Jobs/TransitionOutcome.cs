namespace BatchStats.Core.Jobs;

/// <summary>How a command was handled: HTTP 204 with a change, 204 without one, or 400.</summary>
public enum TransitionKind
{
    /// <summary>204; the job's status and/or user action change.</summary>
    Accepted,

    /// <summary>204; nothing changes.</summary>
    NoOp,

    /// <summary>400 <c>COMMON_BAD_PAYLOAD</c>; <see cref="TransitionOutcome.Message"/> names the current status.</summary>
    Rejected,
}

/// <summary>The work the engine must kick off after persisting an accepted transition.</summary>
public enum JobEffect
{
    None,

    /// <summary>Run the analysis step (evalscript + GeoPackage validation).</summary>
    BeginAnalysis,

    /// <summary>Enqueue the not-yet-finished chunks and process them.</summary>
    BeginProcessing,

    /// <summary>Let in-flight chunks finish, then move to <see cref="BatchStatus.Stopped"/>.</summary>
    DrainAndStop,
}

/// <summary>
/// The result of <see cref="JobTransitions.Apply"/>. For <see cref="TransitionKind.Accepted"/> the new status,
/// user action and stop reason are the values to persist; otherwise they echo the inputs.
/// </summary>
public sealed record TransitionOutcome(
    TransitionKind Kind,
    BatchStatus Status,
    UserAction UserAction,
    StoppedStatusReason? StoppedStatusReason,
    JobEffect Effect,
    string? Message)
{
    public bool IsRejected => Kind == TransitionKind.Rejected;
}
