namespace BatchStats.Core.Validation;

/// <summary>One request problem: the JSON path (<c>aggregation.aggregationInterval.of</c>) and the reason.</summary>
public sealed record ValidationProblem(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
