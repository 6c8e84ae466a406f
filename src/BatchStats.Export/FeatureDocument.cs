namespace BatchStats.Export;

/// <summary>One per-feature result file <c>&lt;prefix&gt;/&lt;requestId&gt;/&lt;featureId&gt;.json</c>: its id and UTF-8 bytes.</summary>
public readonly record struct FeatureDocument(long FeatureId, ReadOnlyMemory<byte> Utf8Json);
