using BatchStats.Engine.Local;
using BatchStats.Geo;
using BatchStats.TestSupport;
using Microsoft.Data.Sqlite;

namespace BatchStats.Reliability.Tests.Security;

/// <summary>
/// Output templates cannot escape their prefix, end to end through LocalEngine: hostile templates are refused before
/// anything is written, and hostile identifiers in an &lt;IDENTIFIER&gt; template fail only their own feature.
/// Every file the engine writes stays under the bucket folder of the output prefix.
/// </summary>
public sealed class OutputTemplateEscapeTests
{
    [SkippableTheory]
    [InlineData("s3://results/out/../<ID>.json")]
    [InlineData("s3://results/out/<ID>/../../../x.json")]
    [InlineData("s3://results//etc/<ID>.json")]
    [InlineData("s3://results/out/s3://other/<ID>.json")]
    [InlineData("s3://results/out\\..\\<ID>.json")]
    [InlineData("s3://../<ID>.json")]
    [InlineData("s3://results/./<ID>.json")]
    public async Task Hostile_template_is_refused_and_writes_nothing(string template)
    {
        using var temp = new TempDirectory("reliability-template");
        GeoPackageCorpus.Write("clean", temp.Combine("features.gpkg"), SharedData.Data("s2-slovenia/fields.gpkg"));
        await using var engine = NewEngine(temp);
        var request = CorpusRun.BuildRequest(new CorpusCase { Name = "t", Level = "security", Error = "" }, CorpusManifest.Load());
        request["output"]!["s3"]!["url"] = template;

        // Refused at creation by the output parser (an ArgumentException naming the field; the request validator
        // itself does not check template segments), before any job is stored or any file written.
        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.RunToCompletionAsync(request.ToJsonString(), baseDirectory: temp.Path));
        Assert.StartsWith("output.s3.url: must ", e.Message, StringComparison.Ordinal);
        Assert.Empty((await engine.ListAsync()).Data);
        Assert.Empty(WrittenFiles(temp));
    }

    [SkippableFact]
    public async Task Hostile_identifiers_fail_the_job_naming_the_feature_and_nothing_leaves_the_prefix()
    {
        using var temp = new TempDirectory("reliability-identifiers");
        string[] identifiers = ["../../escape", "a/b", "%2e%2e", "..", "ok-field"];
        using (var source = GeoPackageReader.Open(SharedData.Data("s2-slovenia/fields.gpkg")))
        using (var writer = GeoPackageWriter.Create(temp.Combine("features.gpkg"), 32633))
        {
            for (var i = 0; i < identifiers.Length; i++)
            {
                writer.Add(source.Read(i + 1)!.Geometry, identifiers[i], i + 1);
            }
        }

        SqliteConnection.ClearAllPools();
        await using var engine = NewEngine(temp);
        var request = CorpusRun.BuildRequest(new CorpusCase { Name = "t", Level = "security", Error = "" }, CorpusManifest.Load());
        request["output"]!["s3"]!["url"] = "s3://results/out/<IDENTIFIER>.json";

        var summary = await engine.RunToCompletionAsync(request.ToJsonString(), baseDirectory: temp.Path);

        var prefix = Path.Combine(temp.Path, "state", "buckets", "results", "out") + Path.DirectorySeparatorChar;
        var written = WrittenFiles(temp);
        Assert.All(written, f => Assert.StartsWith(prefix, f, StringComparison.Ordinal));
        // An identifier that cannot name a file leaves nowhere to put even its error document, so the job fails and
        // names the feature (current behaviour: at processing, so features before it may already be written).
        Assert.Equal("FAILED", summary.StatusName);
        Assert.Contains("identifier of feature ", summary.Error, StringComparison.Ordinal);
        Assert.Contains("cannot be used in output.s3.url <IDENTIFIER>", summary.Error, StringComparison.Ordinal);
        // "%2e%2e" is an ordinary name (nothing URL-decodes it): if written, it is a file inside the prefix.
        Assert.DoesNotContain(written, f => f.Contains("escape", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Percent_encoded_dots_are_a_plain_folder_name_inside_the_prefix()
    {
        using var temp = new TempDirectory("reliability-encoded");
        GeoPackageCorpus.Write("clean", temp.Combine("features.gpkg"), SharedData.Data("s2-slovenia/fields.gpkg"));
        await using var engine = NewEngine(temp);
        var request = CorpusRun.BuildRequest(new CorpusCase { Name = "t", Level = "security", Error = "" }, CorpusManifest.Load());
        request["output"]!["s3"]!["url"] = "s3://results/out/%2e%2e/<ID>.json";

        var summary = await engine.RunToCompletionAsync(request.ToJsonString(), baseDirectory: temp.Path);

        Assert.True(summary.StatusName == "DONE", $"{summary.StatusName}: {summary.Error}");
        var folder = Path.Combine(temp.Path, "state", "buckets", "results", "out", "%2e%2e") + Path.DirectorySeparatorChar;
        var results = WrittenFiles(temp).Where(f => !f.Contains("_meta", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(GeoPackageCorpus.GoodFeatureIds.Select(id => $"{folder}{id}.json").Order(StringComparer.Ordinal), results);
    }

    private static LocalEngine NewEngine(TempDirectory temp) => new(new LocalEngineOptions
    {
        StateDirectory = temp.Combine("state"),
        Stac = SharedData.Data("s2-slovenia/catalog.json"),
        Workers = 2,
        ChunkSize = 1,
        ProgressInterval = TimeSpan.FromMilliseconds(50),
        Export = false,
    });

    /// <summary>Every file the engine wrote: anything in the temp folder except the inputs and the job records.</summary>
    private static List<string> WrittenFiles(TempDirectory temp) =>
        Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "features.gpkg" && !f.StartsWith(Path.Combine(temp.Path, "state", "jobs"), StringComparison.Ordinal))
            .ToList();
}
