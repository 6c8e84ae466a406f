using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Engine.Storage;
using BatchStats.TestSupport;

namespace BatchStats.Functions.Tests.SentinelHub;

/// <summary>
/// The hosted service answering with the legacy statuses of §7.1 (PARTIAL, CANCELED), served by a small fake handler:
/// GetStatus must hand the state machine one of its Choice values — PARTIAL takes the DONE → Export path (the files
/// of failed features are error documents, as in our DONE), CANCELED the STOPPED → JobFailed path with a reason.
/// </summary>
public sealed class LegacyHostedStatusTests : IDisposable
{
    private const string RequestId = "4700adcb-b0fc-44b4-80df-d97ae1f33ec3";
    private readonly TempDirectory _temp = new("batchstats-legacy-status");

    public void Dispose() => _temp.Dispose();

    private sealed class FakeHostedApi(string status) : HttpMessageHandler
    {
        public List<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var path = request.RequestUri!.AbsolutePath;
            Paths.Add(path);
            var body = path.EndsWith("/token", StringComparison.Ordinal)
                ? """{"access_token":"t-1","expires_in":3600,"token_type":"Bearer"}"""
                : """{"id":"ID","status":"STATUS","completionPercentage":100,"costPU":3.5,"created":"2022-08-26T08:40:36.127266Z","request":{"output":{"s3":{"url":"s3://results/"}}}}"""
                    .Replace("ID", RequestId, StringComparison.Ordinal).Replace("STATUS", status, StringComparison.Ordinal);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private FunctionServices Services(HttpMessageHandler hosted) => FunctionServices.FromEnvironment(name => name switch
    {
        "BATCHSTATS_BACKEND" => "sentinelhub",
        "SENTINELHUB_BASE_URL" => "http://hosted.test/",
        "SENTINELHUB_CLIENT_ID" => "id",
        "SENTINELHUB_CLIENT_SECRET" => "secret",
        "BATCHSTATS_RESULTS_BUCKET" => "results",
        "BATCHSTATS_REQUEST_TEMPLATE" => "s3://in/template.json", // required at startup; GetStatus and Export never read it
        "BATCHSTATS_POLL_WAIT_SECONDS" => "1",
        "AWS_ENDPOINT_URL" => "http://127.0.0.1:1", // nothing may reach AWS
        _ => null,
    }, new FunctionServiceOverrides { JobStore = new FileJobStore(_temp.Combine("jobs")), SentinelHubHandler = hosted, SentinelHubRetryBaseDelay = TimeSpan.FromMilliseconds(1) });

    private static async Task<JsonNode> StatusAsync(FunctionServices services) =>
        (await JsonNode.ParseAsync(await new GetStatusFunction(services).Handle(
            new MemoryStream(Encoding.UTF8.GetBytes($$"""{"requestId":"{{RequestId}}","pollCount":4}""")))))!;

    [Fact]
    public async Task Hosted_PARTIAL_is_DONE_for_the_state_machine_and_its_results_are_exported()
    {
        var hosted = new FakeHostedApi("PARTIAL");
        using var services = Services(hosted);

        var status = await StatusAsync(services);
        Assert.Equal("DONE", (string?)status["status"]); // the Choice state's DONE → Export
        Assert.Equal(100, (int)status["completionPercentage"]!);
        Assert.Equal(5, (int)status["pollCount"]!);
        Assert.Contains("PARTIAL", (string?)status["reason"]);

        // Export's first step: the DONE request's folder, from the hosted task (GET {B}/{id}).
        var location = await services.Backend.GetResultsLocationAsync(RequestId, CancellationToken.None);
        Assert.Equal("s3://results/" + RequestId + "/", location.JobFolder);
        Assert.Equal(["/api/v1/statistics/batch/" + RequestId + "/status", "/api/v1/statistics/batch/" + RequestId],
            hosted.Paths.Where(p => !p.EndsWith("/token", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Hosted_CANCELED_is_STOPPED_with_a_reason_that_names_it()
    {
        using var services = Services(new FakeHostedApi("CANCELED"));

        var status = await StatusAsync(services);
        Assert.Equal("STOPPED", (string?)status["status"]); // the Choice state's STOPPED → JobFailed, Cause = reason
        Assert.Contains("CANCELED", (string?)status["reason"]);
        Assert.Equal((string?)status["reason"], (string?)status["error"]);
    }
}
