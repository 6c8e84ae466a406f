using BatchStats.Core.Requests;
using BatchStats.Engine.Local;
using BatchStats.TestSupport;

namespace BatchStats.Reliability.Tests.Corpus;

/// <summary>
/// Request level: each corpus request is refused at creation (through <see cref="LocalEngine.CreateAsync"/>, the
/// path the CLI and the API use) with a problem at the broken field's JSON path, and no job is stored.
/// </summary>
public sealed class RequestCorpusTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new("reliability-request");
    private LocalEngine _engine = null!;

    public Task InitializeAsync()
    {
        _engine = new LocalEngine(new LocalEngineOptions { StateDirectory = _temp.Combine("state"), Stac = _temp.Combine("no-catalog.json") });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _temp.Dispose();
    }

    public static TheoryData<string> Cases => CorpusManifest.Names("request");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_request_is_refused_with_its_path_and_reason(string name)
    {
        var manifest = CorpusManifest.Load();
        var c = CorpusManifest.Case(name);
        var json = c.Request is not null && c.PadEvalscriptToBytes is null && !c.Request.EndsWith("valid.json", StringComparison.Ordinal)
            ? CorpusManifest.ReadText(c.Request) // raw text: some files are not even JSON
            : CorpusRun.BuildRequest(c, manifest).ToJsonString();

        var e = await Assert.ThrowsAsync<RequestValidationException>(() => _engine.CreateAsync(json, _temp.Path));

        Assert.Contains(e.Problems, p => p.Path == c.Path && p.Message.Contains(c.Error, StringComparison.Ordinal));
        Assert.Contains(c.Error, e.Message, StringComparison.Ordinal);
        Assert.Empty((await _engine.ListAsync()).Data);
    }

    [Fact]
    public async Task The_clean_request_is_accepted()
    {
        var manifest = CorpusManifest.Load();
        var task = await _engine.CreateAsync(CorpusManifest.ReadText(manifest.CleanRequest), _temp.Path);
        Assert.Single((await _engine.ListAsync()).Data, t => t.Id == task.Id);
    }

    [Fact]
    public async Task An_evalscript_just_under_the_limit_is_accepted()
    {
        // The limit is "smaller than 32 KB": 32 767 bytes pass, 32 768 (the corpus case) do not.
        var c = CorpusManifest.Case("evalscript-over-32kb") with { PadEvalscriptToBytes = 32 * 1024 - 1 };
        await _engine.CreateAsync(CorpusRun.BuildRequest(c, CorpusManifest.Load()).ToJsonString(), _temp.Path);
    }

    [Fact]
    public void Every_request_file_in_the_corpus_is_used_by_a_case()
    {
        var used = CorpusManifest.Load().Cases.Select(c => c.Request).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(Path.Combine(CorpusManifest.Directory, "requests"), "*.json")
            .Select(f => "requests/" + Path.GetFileName(f)).Where(f => f != "requests/valid.json");
        Assert.All(files, f => Assert.Contains(f, used));
    }
}
