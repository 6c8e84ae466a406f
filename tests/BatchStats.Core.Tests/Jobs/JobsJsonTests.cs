using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;

namespace BatchStats.Core.Tests.Jobs;

public sealed class JobsJsonTests
{
    private static readonly DateTimeOffset s_created = new DateTimeOffset(2022, 8, 26, 8, 40, 36, TimeSpan.Zero).AddTicks(1_272_660);

    private static BatchTask NewTask() => new()
    {
        Id = "4700adcb-b0fc-44b4-80df-d97ae1f33ec3",
        Status = BatchStatus.Created,
        UserAction = UserAction.None,
        Created = s_created,
        Request = new JsonObject { ["output"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = "s3://bucket/out/" } } },
    };

    [Fact]
    public void Task_after_creation_omits_nulls_and_formats_like_the_reference()
    {
        // §7 example right after creation.
        var json = JobsJson.SerializeTask(NewTask());

        Assert.Equal(
            "{\"id\":\"4700adcb-b0fc-44b4-80df-d97ae1f33ec3\",\"status\":\"CREATED\",\"userAction\":\"NONE\"," +
            "\"completionPercentage\":0,\"costPU\":0.0,\"created\":\"2022-08-26T08:40:36.127266Z\"," +
            "\"request\":{\"output\":{\"s3\":{\"url\":\"s3://bucket/out/\"}}}}",
            json);
    }

    [Fact]
    public void Status_object_matches_the_observed_done_payload()
    {
        // §8 observed payload of the finished tutorial job.
        var task = NewTask();
        task.Status = BatchStatus.Done;
        task.CompletionPercentage = 100;
        task.CostPU = 6.027410152775339;
        task.LastUpdated = new DateTimeOffset(2022, 8, 26, 8, 55, 8, TimeSpan.Zero).AddTicks(9_620_210);

        Assert.Equal(
            "{\"id\":\"4700adcb-b0fc-44b4-80df-d97ae1f33ec3\",\"status\":\"DONE\",\"completionPercentage\":100," +
            "\"lastUpdated\":\"2022-08-26T08:55:08.962021Z\",\"costPU\":6.027410152775339,\"created\":\"2022-08-26T08:40:36.127266Z\"}",
            JobsJson.SerializeStatus(task.ToStatus()));
    }

    [Fact]
    public void Stopped_and_failed_fields_use_the_spec_enum_names()
    {
        var task = NewTask();
        task.Status = BatchStatus.Stopped;
        task.UserAction = UserAction.Stop;
        task.UserActionUpdated = s_created.AddSeconds(1);
        task.StoppedStatusReason = StoppedStatusReason.UserAction;
        task.Error = "boom";
        var json = JsonNode.Parse(JobsJson.SerializeTask(task))!.AsObject();

        Assert.Equal("STOPPED", (string?)json["status"]);
        Assert.Equal("STOP", (string?)json["userAction"]);
        Assert.Equal("2022-08-26T08:40:37.127266Z", (string?)json["userActionUpdated"]);
        Assert.Equal("USER_ACTION", (string?)json["stoppedStatusReason"]);
        Assert.Equal("boom", (string?)json["error"]);
    }

    [Theory]
    [InlineData(BatchStatus.AnalysisDone, "ANALYSIS_DONE")]
    [InlineData(BatchStatus.Analysing, "ANALYSING")]
    public void Multi_word_statuses_serialise_with_underscores(BatchStatus status, string expected)
    {
        var task = NewTask();
        task.Status = status;
        Assert.Equal(expected, (string?)JsonNode.Parse(JobsJson.SerializeTask(task))!["status"]);
    }

    [Fact]
    public void State_round_trips_with_progress_and_analysis()
    {
        var state = new JobState { Task = NewTask() };
        state.Progress.Plan(67, 10);
        state.Progress.TryCompleteChunk(6, 6, 1, 9);
        state.Analysis = new JobAnalysis { FeatureCount = 67, Completed = s_created, Plan = new JsonObject { ["x"] = 1 } };

        var back = JobsJson.DeserializeState(JobsJson.SerializeState(state));

        Assert.Equal(state.Task.Id, back.Task.Id);
        Assert.Equal(s_created, back.Task.Created);
        Assert.Equal(67, back.Progress.TotalFeatures);
        Assert.Equal(7, back.Progress.ChunkCount);
        Assert.True(back.Progress.IsChunkCompleted(6));
        Assert.False(back.Progress.IsChunkCompleted(5));
        Assert.Equal(6, back.Progress.DoneFeatures);
        Assert.Equal(1, back.Progress.FailedFeatures);
        Assert.Equal(9, back.Progress.EmittedIntervals);
        Assert.Equal(67, back.Analysis!.FeatureCount);
        Assert.Equal(1, (int?)back.Analysis.Plan!["x"]);
        Assert.Equal("s3://bucket/out/", (string?)back.Task.Request["output"]!["s3"]!["url"]);
    }

    [Fact]
    public void Timestamps_truncate_to_microseconds()
    {
        var t = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
        var truncated = UtcTimestampJsonConverter.TruncateToMicroseconds(t);
        Assert.Equal("2021-12-31T22:00:00.123456Z", UtcTimestampJsonConverter.ToWire(truncated));
        Assert.Equal(0, truncated.UtcTicks % 10);
    }

    [Fact]
    public void Secrets_are_removed_everywhere_and_access_keys_kept()
    {
        var request = JsonNode.Parse("""
            {"input":{"features":{"s3":{"url":"s3://b/in.gpkg","accessKey":"AKIA","secretAccessKey":"s1"}},
                      "data":[{"type":"sentinel-2-l1c","secretAccessKey":"s3"}]},
             "output":{"s3":{"url":"s3://b/out/","accessKey":"AKIA2","secretAccessKey":"s2"}},"extra":1}
            """)!.AsObject();

        var clean = RequestSanitizer.WithoutSecrets(request);

        Assert.DoesNotContain("secretAccessKey", clean.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("AKIA", (string?)clean["input"]!["features"]!["s3"]!["accessKey"]);
        Assert.Equal("AKIA2", (string?)clean["output"]!["s3"]!["accessKey"]);
        Assert.Equal(1, (int?)clean["extra"]);
        Assert.Equal("s2", (string?)request["output"]!["s3"]!["secretAccessKey"]); // the original is untouched
    }
}
