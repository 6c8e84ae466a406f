using System.Text.Json;
using BatchStats.Functions.Errors;
using BatchStats.Functions.Events;

namespace BatchStats.Functions.Tests;

public sealed class UploadEventsTests
{
    private static IReadOnlyList<Services.UploadedObject> Extract(string json) =>
        UploadEvents.Extract(JsonSerializer.Deserialize(json, FunctionsJsonContext.Default.UploadEvent)!);

    [Fact]
    public void S3_notification_keys_are_url_decoded_including_slash_and_plus_as_moto_sends_them()
    {
        // local-aws.md §8: moto encodes the whole key, '/' included; '+' is a space.
        var uploads = Extract("""
            {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put",
              "s3":{"bucket":{"name":"in"},"object":{"key":"in%2Fmy+file%C3%A9.gpkg","eTag":"abc","size":5}}}]}
            """);
        var upload = Assert.Single(uploads);
        Assert.Equal(("in", "in/my fileé.gpkg", "abc"), (upload.Bucket, upload.Key, upload.ETag));
        Assert.True(upload.IsGeoPackage);
        Assert.Equal("s3://in/in/my fileé.gpkg", upload.Url);
    }

    [Fact]
    public void EventBridge_object_created_detail_and_state_machine_input_are_read_as_given()
    {
        var bridge = Assert.Single(Extract("""
            {"detail-type":"Object Created","source":"aws.s3",
             "detail":{"bucket":{"name":"in"},"object":{"key":"a/b.GPKG","etag":"e1","version-id":"v7"}}}
            """));
        Assert.Equal(("in", "a/b.GPKG", "e1", "v7"), (bridge.Bucket, bridge.Key, bridge.ETag, bridge.VersionId));
        Assert.True(bridge.IsGeoPackage);

        var direct = Assert.Single(Extract("""{"bucket":"in","key":"x/notes.txt","waitSeconds":30}"""));
        Assert.Equal(("in", "x/notes.txt"), (direct.Bucket, direct.Key));
        Assert.False(direct.IsGeoPackage);
    }

    [Theory]
    [InlineData("""{"bucket":"in"}""", "'bucket' and 'key'")]
    [InlineData("""{"detail":{"bucket":{"name":"in"}}}""", "detail.object.key")]
    [InlineData("""{"hello":1}""", "none of")]
    public void Incomplete_events_are_InvalidInputError_naming_the_field(string json, string expected)
    {
        var e = Assert.Throws<InvalidInputError>(() => Extract(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
