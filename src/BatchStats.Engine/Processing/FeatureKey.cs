namespace BatchStats.Engine.Processing;

/// <summary>
/// One GeoPackage feature: its 0-based position in GeoPackage order (<see cref="Index"/>, what chunks count),
/// its primary key (<see cref="Id"/>, the result file name) and its <c>identifier</c> column value.
/// </summary>
public sealed record FeatureKey(long Index, long Id, string? Identifier);
