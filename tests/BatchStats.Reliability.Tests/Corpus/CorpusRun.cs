using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Local;
using BatchStats.TestSupport;

namespace BatchStats.Reliability.Tests.Corpus;

/// <summary>
/// Runs one corpus job through the real <see cref="LocalEngine"/> (validator, analyzer, feature processor, runner) on
/// a generated GeoPackage and the s2-slovenia static catalog, in its own temp folder, and captures every output file.
/// </summary>
public sealed class CorpusRun : IDisposable
{
    /// <summary>A hang is a failure, not a stuck test run.</summary>
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(150);

    private readonly TempDirectory _temp;

    private CorpusRun(TempDirectory temp, LocalRunSummary summary, SortedDictionary<string, byte[]> files, IReadOnlyCollection<Exception> backgroundErrors)
    {
        _temp = temp;
        Summary = summary;
        Files = files;
        BackgroundErrors = backgroundErrors;
    }

    public LocalRunSummary Summary { get; }

    /// <summary>Every file under the job's output folder, by path relative to it ('/' separators).</summary>
    public SortedDictionary<string, byte[]> Files { get; }

    public IReadOnlyCollection<Exception> BackgroundErrors { get; }

    /// <summary>The clean request with the case's changes applied (evalscript, calculations key, padding).</summary>
    public static JsonObject BuildRequest(CorpusCase c, CorpusManifest manifest)
    {
        var request = JsonNode.Parse(CorpusManifest.ReadText(c.Request ?? manifest.CleanRequest))!.AsObject();
        var aggregation = request["aggregation"]!.AsObject();
        if (c.Evalscript is not null)
        {
            aggregation["evalscript"] = CorpusManifest.ReadText(c.Evalscript);
        }

        if (c.PadEvalscriptToBytes is { } bytes)
        {
            var script = (string)aggregation["evalscript"]!;
            var pad = bytes - Encoding.UTF8.GetByteCount(script) - 3;
            aggregation["evalscript"] = script + "\n//" + new string('x', pad);
        }

        if (c.CalculationsKey is { } key)
        {
            var calculations = request["calculations"]!.AsObject();
            var ndvi = calculations["ndvi"]!;
            calculations.Remove("ndvi");
            calculations[key] = ndvi;
        }

        return request;
    }

    public static Task<CorpusRun> RunAsync(CorpusCase c, CorpusManifest manifest) =>
        RunAsync(BuildRequest(c, manifest), c.Geopackage ?? "clean", c.GoodFeatures ?? GeoPackageCorpus.GoodFeatureIds.Length);

    public static async Task<CorpusRun> RunAsync(JsonObject request, string geopackage, int goodFeatures = 3, int workers = 2)
    {
        var temp = new TempDirectory("reliability");
        try
        {
            if (geopackage != "missing")
            {
                GeoPackageCorpus.Write(geopackage, temp.Combine("features.gpkg"), SharedData.Data("s2-slovenia/fields.gpkg"), goodFeatures);
            }

            var options = new LocalEngineOptions
            {
                StateDirectory = temp.Combine("state"),
                Stac = SharedData.Data("s2-slovenia/catalog.json"),
                Workers = workers,
                ChunkSize = 1,
                ProgressInterval = TimeSpan.FromMilliseconds(50),
                Export = false,
            };
            await using var engine = new LocalEngine(options);
            using var deadline = new CancellationTokenSource(s_deadline);
            var summary = await engine.RunToCompletionAsync(request.ToJsonString(), ct: deadline.Token, baseDirectory: temp.Path);
            var files = summary.OutputFolder is { } folder ? ReadAll(folder) : new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            return new CorpusRun(temp, summary, files, engine.BackgroundErrors.ToList());
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    public static SortedDictionary<string, byte[]> ReadAll(string folder)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(folder, path).Replace('\\', '/')] = File.ReadAllBytes(path);
            }
        }

        return files;
    }

    /// <summary>The per-feature result documents (files directly in the job folder).</summary>
    public IReadOnlyDictionary<string, byte[]> ResultFiles =>
        Files.Where(f => !f.Key.Contains('/')).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    public JsonObject Feature(long id) => JsonNode.Parse(Files[$"{id}.json"])!.AsObject();

    public string Describe() =>
        $"status {Summary.StatusName}, error '{Summary.Error}', files [{string.Join(", ", Files.Keys)}], background [{string.Join(" | ", BackgroundErrors.Select(e => e.Message))}]";

    public void Dispose() => _temp.Dispose();
}
