using System.Text.Json.Nodes;
using BatchStats.Engine.Local;
using BatchStats.TestSupport;

namespace BatchStats.Reliability.Tests.Security;

/// <summary>
/// The evalscript sandbox seen through whole jobs: a script probing for host access finds nothing, import() loads
/// nothing, and a job polluting prototypes and built-ins leaves the next job in the same process untouched.
/// </summary>
public sealed class SandboxJobTests
{
    private static JsonObject RequestWith(string evalscript)
    {
        var manifest = CorpusManifest.Load();
        var request = CorpusRun.BuildRequest(new CorpusCase { Name = evalscript, Level = "security", Evalscript = evalscript, Error = "" }, manifest);
        request.Remove("calculations"); // these scripts output 'v', not 'ndvi'
        return request;
    }

    /// <summary>Every emitted interval of every feature has v = 1 on all its pixels (min = max = 1).</summary>
    private static void AssertEveryPixelIsOne(CorpusRun run)
    {
        Assert.True(run.Summary.StatusName == "DONE", run.Describe());
        Assert.Equal(GeoPackageCorpus.GoodFeatureIds.Length, run.Summary.FeaturesDone);
        foreach (var id in GeoPackageCorpus.GoodFeatureIds)
        {
            var data = run.Feature(id)["response"]!["data"]!.AsArray();
            Assert.Equal(2, data.Count);
            foreach (var interval in data)
            {
                var stats = interval!["outputs"]!["v"]!["bands"]!["B0"]!["stats"]!;
                Assert.Equal((1.0, 1.0), ((double)stats["min"]!, (double)stats["max"]!));
            }
        }
    }

    [SkippableFact]
    public async Task Host_probes_find_nothing_in_a_real_job()
    {
        // importNamespace, System, require, setTimeout, setInterval, fetch, XMLHttpRequest, process,
        // globalThis.constructor.constructor('return process')(), Function('return this.process…')(), clrTypes.
        using var run = await CorpusRun.RunAsync(RequestWith("evalscripts/host-probe.js"), "clean");
        AssertEveryPixelIsOne(run);
    }

    [SkippableFact]
    public async Task Dynamic_import_never_loads_a_module()
    {
        using var run = await CorpusRun.RunAsync(RequestWith("evalscripts/dynamic-import.js"), "clean");

        // import() compiles but has no loader: every interval fails, so every feature and the job are FAILED (§9.3 form 1).
        Assert.True(run.Summary.StatusName == "FAILED", run.Describe());
        Assert.StartsWith("All 3 features failed", run.Summary.Error, StringComparison.Ordinal);
        foreach (var id in GeoPackageCorpus.GoodFeatureIds)
        {
            var response = run.Feature(id)["response"]!;
            Assert.Equal("FAILED", (string?)response["status"]);
            Assert.Null(response["data"]);
            var marker = System.Text.Encoding.UTF8.GetString(run.Files[$"_meta/failed/{id}.json"]);
            Assert.Contains("EXECUTION_ERROR", marker, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Prototype_pollution_does_not_leak_into_the_next_job_of_the_same_process()
    {
        using var temp = new TempDirectory("reliability-pollution");
        GeoPackageCorpus.Write("clean", temp.Combine("features.gpkg"), SharedData.Data("s2-slovenia/fields.gpkg"));
        await using var engine = new LocalEngine(new LocalEngineOptions
        {
            StateDirectory = temp.Combine("state"),
            Stac = SharedData.Data("s2-slovenia/catalog.json"),
            Workers = 1, // one worker thread: the victim runs where the polluter ran
            ChunkSize = 1,
            ProgressInterval = TimeSpan.FromMilliseconds(50),
            Export = false,
        });

        var polluter = await engine.RunToCompletionAsync(RequestWith("evalscripts/polluter.js").ToJsonString(), baseDirectory: temp.Path);
        Assert.Equal("DONE", polluter.StatusName);
        var victim = await engine.RunToCompletionAsync(RequestWith("evalscripts/pollution-victim.js").ToJsonString(), baseDirectory: temp.Path);

        Assert.Equal("DONE", victim.StatusName);
        foreach (var id in GeoPackageCorpus.GoodFeatureIds)
        {
            var feature = JsonNode.Parse(await File.ReadAllBytesAsync(Path.Combine(victim.OutputFolder!, $"{id}.json")))!;
            foreach (var interval in feature["response"]!["data"]!.AsArray())
            {
                var stats = interval!["outputs"]!["v"]!["bands"]!["B0"]!["stats"]!;
                Assert.Equal((1.0, 1.0), ((double)stats["min"]!, (double)stats["max"]!));
            }
        }
    }
}
