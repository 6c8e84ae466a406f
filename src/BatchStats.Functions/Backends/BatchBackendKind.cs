namespace BatchStats.Functions.Backends;

/// <summary>The value of <c>BATCHSTATS_BACKEND</c> (template parameter <c>Backend</c>).</summary>
public enum BatchBackendKind
{
    Local,
    SentinelHub,
}

public static class BatchBackendKinds
{
    public const string Variable = "BATCHSTATS_BACKEND";

    /// <summary>Empty → local; <c>local</c> or <c>sentinelhub</c> (any case); anything else fails startup naming the variable.</summary>
    public static BatchBackendKind Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "local" => BatchBackendKind.Local,
        "sentinelhub" => BatchBackendKind.SentinelHub,
        _ => throw new InvalidOperationException($"Environment variable {Variable}: '{value}' is not a backend; use 'local' or 'sentinelhub'."),
    };
}
