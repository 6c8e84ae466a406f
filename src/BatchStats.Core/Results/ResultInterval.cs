namespace BatchStats.Core.Results;

/// <summary>
/// The <c>interval</c> object: <c>from</c>/<c>to</c> as the exact strings written (yyyy-MM-ddTHH:mm:ssZ); the
/// sync client re-sends them verbatim (§10.2), so they are kept as text.
/// </summary>
public sealed record ResultInterval(string From, string To);
