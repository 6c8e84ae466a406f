namespace BatchStats.Reliability.Tests.Corpus;

/// <summary>
/// Job level: the request is valid, but the analysis finds the evalscript, the calculations or the GeoPackage unusable.
/// The job ends FAILED with an <c>error</c> naming the cause, and nothing is written under its output folder.
/// </summary>
public sealed class JobAnalysisCorpusTests
{
    public static TheoryData<string> Cases => CorpusManifest.Names("job-analysis");

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Unusable_job_input_fails_the_job_with_its_cause_and_writes_nothing(string name)
    {
        var c = CorpusManifest.Case(name);
        using var run = await CorpusRun.RunAsync(c, CorpusManifest.Load());

        Assert.True(run.Summary.StatusName == "FAILED", run.Describe());
        Assert.NotNull(run.Summary.Error);
        Assert.Contains(c.Error, run.Summary.Error, StringComparison.Ordinal);
        Assert.Empty(run.Files);
        Assert.Empty(run.BackgroundErrors);
        Assert.Equal(0, run.Summary.FeaturesDone + run.Summary.FeaturesFailed);
    }
}
