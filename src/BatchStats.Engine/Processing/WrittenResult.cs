namespace BatchStats.Engine.Processing;

/// <summary>A feature's result document as an earlier attempt wrote it (read back to recount, not reprocess, the feature).</summary>
public sealed record WrittenResult(FeatureKey Feature, ReadOnlyMemory<byte> Document);
