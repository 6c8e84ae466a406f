using BatchStats.Core.Jobs;

namespace BatchStats.Engine.Jobs;

/// <summary>One page of <c>GET {B}</c> (spec §4.1). <see cref="NextToken"/> is null on the last page.</summary>
public sealed record TaskPage(IReadOnlyList<BatchTask> Data, string CurrentToken, string? NextToken, string? PreviousToken);
