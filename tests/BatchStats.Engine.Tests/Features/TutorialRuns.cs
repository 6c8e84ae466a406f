using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Engine.Local;
using BatchStats.TestSupport;

namespace BatchStats.Engine.Tests.Features;

/// <summary>
/// Runs <c>samples/tutorial-ndvi/request.json</c> end to end with the real engine (once per test run, shared by the
/// tests that only read its results) against the s2-slovenia static catalog.
/// </summary>
internal static class TutorialRuns
{
    private static readonly Lazy<Task<TutorialRun>> s_utm = new(() => RunAsync("s2-slovenia/fields.gpkg", null, workers: 2));

    /// <summary>The tutorial over fields.gpkg (EPSG:32633, resx = resy = 10 m). Call SharedData first so a missing data set skips.</summary>
    public static Task<TutorialRun> Utm => s_utm.Value;

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "samples", "tutorial-ndvi", "request.json")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("samples/tutorial-ndvi/request.json not found above " + AppContext.BaseDirectory);
        }
    }

    public static string SamplePath => Path.Combine(RepositoryRoot, "samples", "tutorial-ndvi", "request.json");

    /// <summary>The sample request with its features replaced by a shared-data GeoPackage (absolute path) and optional edits.</summary>
    public static JsonObject SampleRequest(string featuresRelative, Action<JsonObject>? edit = null)
    {
        var request = JsonNode.Parse(File.ReadAllText(SamplePath))!.AsObject();
        request["input"]!["features"]!["s3"]!["url"] = SharedData.Data(featuresRelative);
        edit?.Invoke(request);
        return request;
    }

    public static LocalEngine NewEngine(string stateDirectory, int workers = 2, int? chunkSize = null) => new(new LocalEngineOptions
    {
        StateDirectory = stateDirectory,
        Stac = SharedData.Data("s2-slovenia/catalog.json"),
        Workers = workers,
        ChunkSize = chunkSize,
        ProgressInterval = TimeSpan.FromMilliseconds(50),
    });

    public static async Task<TutorialRun> RunAsync(string featuresRelative, Action<JsonObject>? edit, int workers)
    {
        var dir = new TempDirectory("batchstats-tutorial");
        await using var engine = NewEngine(dir.Path, workers);
        var summary = await engine.RunToCompletionAsync(SampleRequest(featuresRelative, edit).ToJsonString());
        Assert.Empty(engine.BackgroundErrors);
        return new TutorialRun(dir, summary);
    }
}

/// <summary>A finished run: its summary and the parsed per-feature documents by feature id.</summary>
internal sealed class TutorialRun
{
    public TutorialRun(TempDirectory dir, LocalRunSummary summary)
    {
        Directory = dir;
        Summary = summary;
        Documents = new SortedDictionary<long, JsonElement>();
        if (summary.OutputFolder is { } folder && System.IO.Directory.Exists(folder))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.json"))
            {
                if (long.TryParse(Path.GetFileNameWithoutExtension(file), out var id))
                {
                    using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                    Documents[id] = doc.RootElement.Clone();
                }
            }
        }
    }

    public TempDirectory Directory { get; }

    public LocalRunSummary Summary { get; }

    public SortedDictionary<long, JsonElement> Documents { get; }
}
