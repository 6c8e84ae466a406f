using System.Text.Json.Nodes;

namespace BatchStats.Engine.Sync;

/// <summary>
/// A validated sync request: its bounds, and the rest of the body in the batch shape (placeholder
/// <c>input.features</c>/<c>output</c>) so the batch job definition (intervals, evalscript, calculations) binds it unchanged.
/// </summary>
public sealed record SyncRequest(SyncBounds Bounds, JsonObject BatchShaped);
