using System.Diagnostics;
using System.Text.Json.Nodes;
using BatchStats.Aws.StepFunctions;
using BatchStats.Aws.Tests.Moto;

namespace BatchStats.Aws.Tests.StepFunctions;

public sealed class StepFunctionsClientTests(MotoServer moto) : MotoTest(moto)
{
    private const string Definition = """
        {"StartAt":"Shape","States":{
          "Shape":{"Type":"Pass","Parameters":{"requestId.$":"$.requestId","status":"DONE"},"Next":"Done"},
          "Done":{"Type":"Succeed"}}}
        """;

    private StepFunctionsClient Client(HttpClient http) =>
        new(http, Moto.Endpoint, "us-east-1", () => new AwsSigningCredentials("test", "test", "session"));

    [SkippableFact]
    public async Task Start_and_describe_run_executions_to_success_repeatedly()
    {
        Moto.Require();
        using var http = new HttpClient();
        var client = Client(http);
        var created = await client.SendAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "batchstats-test",
            ["definition"] = Definition,
            ["roleArn"] = "arn:aws:iam::123456789012:role/sfn",
        });
        var arn = (string)created["stateMachineArn"]!;

        // Twice: the second execution in one moto process needs moto_launch.py's deepcopy fix.
        for (var run = 0; run < 2; run++)
        {
            var started = await client.StartExecutionAsync(arn, $"job-{run}", $"{{\"requestId\":\"r-{run}\"}}");
            Assert.Contains(":execution:batchstats-test:job-" + run, started.ExecutionArn, StringComparison.Ordinal);

            var description = await WaitForEndAsync(client, started.ExecutionArn);
            Assert.Equal("SUCCEEDED", description.Status);
            var output = JsonNode.Parse(description.Output!)!;
            Assert.Equal($"r-{run}", (string)output["requestId"]!);
            Assert.Equal("DONE", (string)output["status"]!);
        }
    }

    [SkippableFact]
    public async Task Unknown_state_machine_maps_to_its_error_code()
    {
        Moto.Require();
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<StepFunctionsException>(() =>
            Client(http).StartExecutionAsync("arn:aws:states:us-east-1:123456789012:stateMachine:nope", "x", "{}"));

        Assert.Equal("StateMachineDoesNotExist", ex.ErrorCode);
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public void FromEnvironment_prefers_the_SFN_endpoint_then_the_global_one_then_AWS()
    {
        using var http = new HttpClient();
        var env = new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = "http://global:1", ["AWS_ENDPOINT_URL_SFN"] = "http://sfn:2", ["AWS_REGION"] = "eu-west-1" };
        Assert.Equal(new Uri("http://sfn:2"), StepFunctionsClient.FromEnvironment(http, k => env.GetValueOrDefault(k)).Endpoint);
        env.Remove("AWS_ENDPOINT_URL_SFN");
        Assert.Equal(new Uri("http://global:1"), StepFunctionsClient.FromEnvironment(http, k => env.GetValueOrDefault(k)).Endpoint);
        env.Remove("AWS_ENDPOINT_URL");
        var aws = StepFunctionsClient.FromEnvironment(http, k => env.GetValueOrDefault(k));
        Assert.Equal(new Uri("https://states.eu-west-1.amazonaws.com"), aws.Endpoint);
        Assert.Equal("eu-west-1", aws.Region);
    }

    private static async Task<ExecutionDescription> WaitForEndAsync(StepFunctionsClient client, string executionArn)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var description = await client.DescribeExecutionAsync(executionArn);
            if (description.Status != "RUNNING" || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                return description;
            }

            await Task.Delay(100);
        }
    }
}
