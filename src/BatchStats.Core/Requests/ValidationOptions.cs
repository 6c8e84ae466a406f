namespace BatchStats.Core.Requests;

/// <summary>Knobs of <see cref="RequestValidator"/>.</summary>
public sealed record ValidationOptions
{
    /// <summary>Local mode: <c>file:///abs/path</c> and plain paths are accepted wherever <c>s3://bucket/key</c> is.</summary>
    public bool AllowLocalPaths { get; init; }

    /// <summary>Batch requires resx/resy (Decision, §6.4); the sync API also accepts width/height.</summary>
    public bool RequireResolution { get; init; } = true;

    public static ValidationOptions Batch { get; } = new();

    public static ValidationOptions Local { get; } = new() { AllowLocalPaths = true };
}
