using BatchStats.Core.Jobs;

namespace BatchStats.Engine.Jobs;

/// <summary>
/// The answer to analyse/start/stop: <see cref="TransitionKind.Accepted"/> and <see cref="TransitionKind.NoOp"/> are
/// 204; <see cref="TransitionKind.Rejected"/> is 400 with <see cref="Message"/>. An unknown id throws
/// <see cref="JobNotFoundException"/>.
/// </summary>
public sealed record CommandResult(TransitionKind Kind, BatchTask Task, string? Message);
