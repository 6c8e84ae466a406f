using BatchStats.Core.Results;
using BatchStats.TestSupport;

namespace BatchStats.Core.Tests.Results;

public class ResultRoundTripTests
{
    [SkippableFact]
    public void Batch_results_serialise_back_to_the_same_text_number_for_number()
    {
        var original = File.ReadAllText(SharedData.Spec("examples/batch_stat_results.json"));
        var features = ResultJsonReader.ReadFeatures(original);
        Assert.Equal(2, features.Count);
        var written = ResultJsonWriter.FeaturesToString(features, indented: true);
        Assert.Null(JsonText.Difference(original, written));
        Assert.True(features[0].Response!.Data![1].Outputs!["ndvi"].Bands["B0"].Histogram!.Bins.Count == 10);
    }

    [SkippableTheory]
    [InlineData("batch_stat_failed_results.json")]
    [InlineData("batch_stat_results.json")]
    public void Batch_files_round_trip(string name)
    {
        var original = File.ReadAllText(SharedData.Spec("examples/" + name));
        var once = ResultJsonWriter.FeaturesToString(ResultJsonReader.ReadFeatures(original));
        var twice = ResultJsonWriter.FeaturesToString(ResultJsonReader.ReadFeatures(once));
        Assert.Equal(once, twice);
    }

    [SkippableFact]
    public void Failed_fixture_forms_are_read()
    {
        var features = ResultJsonReader.ReadFeatures(File.ReadAllText(SharedData.Spec("examples/batch_stat_failed_results.json")));
        Assert.Null(features[0].Response!.Data);
        Assert.Equal(ResponseStatus.Failed, features[0].Response!.Status);
        Assert.Equal(ResultError.ExecutionError, features[1].Error!.Type);
        Assert.Equal(ResultError.ExecutionError, features[2].Response!.Data![0].Error!.Type);
        Assert.Equal("SI21.FOI.6828863001", features[2].Identifier);
    }

    [SkippableTheory]
    [InlineData("normal_stat_result.json")]
    [InlineData("normal_stat_partial_result.json")]
    public void Sync_responses_round_trip(string name)
    {
        var original = File.ReadAllText(SharedData.Spec("examples/" + name));
        var responses = ResultJsonReader.ReadResponses(original);
        var once = string.Join("\n", responses.Select(r => ResultJsonWriter.SyncResponseToString(r)));
        var twice = string.Join("\n", once.Split('\n').Select(ResultJsonReader.ReadResponse).Select(r => ResultJsonWriter.SyncResponseToString(r)));
        Assert.Equal(once, twice);
        if (name == "normal_stat_result.json")
        {
            Assert.Null(JsonText.Difference(original, "[" + once + "]"));
        }
        else
        {
            // The fixture's bare-string error is written in the object form (never a string, §9.3).
            Assert.Contains("\"error\":{\"type\":\"EXECUTION_ERROR\"}", once);
        }
    }
}
