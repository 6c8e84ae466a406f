using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Engine.Storage;
using BatchStats.Functions.Errors;
using BatchStats.Functions.Services;
using BatchStats.TestSupport;

namespace BatchStats.Functions.Tests;

/// <summary>Handler behaviour that needs no AWS: events that never reach a store (the services are built lazily).</summary>
public sealed class HandlerContractTests : IDisposable
{
    private readonly FunctionServices _services = FunctionServices.FromEnvironment(name => name switch
    {
        "AWS_ENDPOINT_URL" => "http://127.0.0.1:1",
        "BATCHSTATS_POLL_WAIT_SECONDS" => "7",
        _ => null,
    });

    public void Dispose() => _services.Dispose();

    private static Stream Json(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static async Task<JsonNode> ReadAsync(Stream output) => (await JsonNode.ParseAsync(output))!;

    [Fact]
    public async Task CreateRequest_ignores_events_without_a_gpkg_key()
    {
        var result = await ReadAsync(await new CreateRequestFunction(_services).Handle(Json("""
            {"Records":[{"s3":{"bucket":{"name":"in"},"object":{"key":"notes%2Freadme.txt","eTag":"x"}}}]}
            """)));
        Assert.Equal("IGNORED", (string?)result["status"]);
        Assert.Equal(7, (int)result["waitSeconds"]!);
        Assert.Null(result["requestId"]);
    }

    [Fact]
    public async Task Malformed_payloads_throw_InvalidInputError_so_the_state_machine_does_not_retry()
    {
        await Assert.ThrowsAsync<InvalidInputError>(() => new CreateRequestFunction(_services).Handle(Json("[1,2]")));
        var e = await Assert.ThrowsAsync<InvalidInputError>(() => new GetStatusFunction(_services).Handle(Json("""{"pollCount":3}""")));
        Assert.Contains("requestId", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidInputError>(() => new ExportFunction(_services).Handle(Json("{}")));
    }

    [Fact]
    public async Task Worker_reports_each_unreadable_message_as_a_batch_item_failure_instead_of_failing_the_invocation()
    {
        var result = await ReadAsync(await new WorkerFunction(_services).Handle(Json("""
            {"Records":[
              {"messageId":"m-1","body":"not json","attributes":{"ApproximateReceiveCount":"1"}},
              {"messageId":"m-2","body":"{\"requestId\":\"r\",\"chunkIndex\":0,\"firstFeatureIndex\":0,\"count\":0}"}]}
            """)));
        var failures = result["batchItemFailures"]!.AsArray().Select(f => (string?)f!["itemIdentifier"]).ToArray();
        Assert.Equal(new string?[] { "m-1", "m-2" }.AsEnumerable(), failures);
    }

    [Fact]
    public async Task Request_template_gets_the_upload_as_features_and_the_results_bucket_as_default_output()
    {
        using var temp = new TempDirectory();
        var objects = new FileSystemObjectStore(temp.Path);
        var inline = new RequestTemplate(objects, """{"aggregation":{"resx":10},"input":{"data":[{"type":"sentinel-2-l1c"}]}}""", "s3://results/");
        var request = await inline.ForUploadAsync("s3://in/a.gpkg", default);
        Assert.Equal("s3://in/a.gpkg", (string?)request["input"]!["features"]!["s3"]!["url"]);
        Assert.Equal("sentinel-2-l1c", (string?)request["input"]!["data"]![0]!["type"]);
        Assert.Equal("s3://results/", (string?)request["output"]!["s3"]!["url"]);

        // A template stored as an object, with its own output prefix, keeps it.
        await objects.PutAsync("s3://in/templates/request.json", Encoding.UTF8.GetBytes("""{"output":{"s3":{"url":"s3://elsewhere/out/"}}}"""));
        var stored = await new RequestTemplate(objects, "s3://in/templates/request.json", "s3://results/").ForUploadAsync("s3://in/b.gpkg", default);
        Assert.Equal("s3://elsewhere/out/", (string?)stored["output"]!["s3"]!["url"]);
        Assert.Equal("s3://in/b.gpkg", (string?)stored["input"]!["features"]!["s3"]!["url"]);

        await objects.PutAsync("s3://in/templates/bad.json", Encoding.UTF8.GetBytes("[1]"));
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new RequestTemplate(objects, "s3://in/templates/bad.json", null).ForUploadAsync("s3://in/c.gpkg", default));
        Assert.Contains("s3://in/templates/bad.json", e.Message, StringComparison.Ordinal);
    }
}
