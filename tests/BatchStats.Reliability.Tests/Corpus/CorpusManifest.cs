using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchStats.Reliability.Tests.Corpus;

/// <summary>One entry of tests/corpus/manifest.json.</summary>
public sealed record CorpusCase
{
    public required string Name { get; init; }

    /// <summary><c>request</c>, <c>job-analysis</c>, <c>feature</c> or <c>interval</c>.</summary>
    public required string Level { get; init; }

    /// <summary>The request file; default: the clean request.</summary>
    public string? Request { get; init; }

    /// <summary>Replaces <c>aggregation.evalscript</c> with this file's text.</summary>
    public string? Evalscript { get; init; }

    /// <summary>The <see cref="GeoPackageCorpus"/> kind written as features.gpkg (<c>missing</c>: none); default <c>clean</c>.</summary>
    public string? Geopackage { get; init; }

    /// <summary>How many of <see cref="GeoPackageCorpus.GoodFeatureIds"/> the GeoPackage holds (default all).</summary>
    public int? GoodFeatures { get; init; }

    /// <summary>Pads the inline evalscript with a comment to exactly this many UTF-8 bytes.</summary>
    public int? PadEvalscriptToBytes { get; init; }

    /// <summary>Renames the clean request's <c>calculations.ndvi</c> to this key.</summary>
    public string? CalculationsKey { get; init; }

    /// <summary>Request level: the JSON path of the expected problem.</summary>
    public string? Path { get; init; }

    /// <summary>Feature and interval level: <c>BAD_REQUEST</c>, <c>EXECUTION_ERROR</c> or <c>TIMEOUT</c>; <c>none</c> = must succeed.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The fragment the user-visible message must contain (<see cref="ErrorType"/> <c>none</c>: the identifier written).</summary>
    public required string Error { get; init; }

    public override string ToString() => Name;
}

public sealed record CorpusManifest
{
    public required string CleanRequest { get; init; }

    public required string OrbitBaselineEvalscript { get; init; }

    public required IReadOnlyList<CorpusCase> Cases { get; init; }

    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>The corpus as copied next to the test assembly.</summary>
    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "corpus");

    public static CorpusManifest Load() =>
        JsonSerializer.Deserialize<CorpusManifest>(File.ReadAllText(System.IO.Path.Combine(Directory, "manifest.json")), s_json)
        ?? throw new InvalidOperationException("manifest.json is empty");

    public static string ReadText(string relative) => File.ReadAllText(System.IO.Path.Combine(Directory, relative));

    /// <summary>xunit data: the names of the cases of one level.</summary>
    public static TheoryData<string> Names(string level)
    {
        var data = new TheoryData<string>();
        foreach (var c in Load().Cases.Where(c => c.Level == level))
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static CorpusCase Case(string name) => Load().Cases.Single(c => c.Name == name);
}
