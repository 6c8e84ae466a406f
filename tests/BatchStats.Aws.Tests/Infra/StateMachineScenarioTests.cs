using System.Diagnostics;
using System.Text.Json.Nodes;
using BatchStats.TestSupport;

namespace BatchStats.Aws.Tests.Infra;

/// <summary>
/// Runs infra/statemachine/batchstats.asl.json in aws-local-stepfunctions (Node 20 + polyfill) with scripted Task
/// results (infra/local/run-asl.mjs), so the Wait/Choice loop, the poll bound and the Fail states are exercised.
/// </summary>
public sealed class StateMachineScenarioTests
{
    private static readonly JsonObject s_input = new() { ["bucket"] = "in", ["key"] = "uploads/fields.gpkg", ["waitSeconds"] = 30, ["maxPolls"] = 5 };

    private static JsonObject Status(string status, int pollCount, string? reason = null)
    {
        var result = new JsonObject { ["requestId"] = "r-1", ["status"] = status, ["pollCount"] = pollCount };
        if (reason is not null)
        {
            result["reason"] = reason;
        }

        return new JsonObject { ["result"] = result };
    }

    [SkippableFact]
    public async Task Created_then_processing_loops_through_Wait_and_reaches_Export_on_DONE()
    {
        var run = await RunAsync(new JsonObject
        {
            ["CreateRequest"] = new JsonArray(new JsonObject { ["result"] = new JsonObject { ["requestId"] = "r-1", ["status"] = "CREATED" } }),
            ["GetStatus"] = new JsonArray(Status("ANALYSING", 1), Status("PROCESSING", 2), Status("DONE", 3)),
            ["Export"] = new JsonArray(new JsonObject { ["result"] = new JsonObject { ["rows"] = 67 } }),
        });

        Assert.Equal("SUCCEEDED", (string?)run["status"]);
        Assert.Equal(["CreateRequest", "GetStatus", "GetStatus", "GetStatus", "Export"], Calls(run).Select(c => (string)c["state"]!));
        // GetStatus receives the poll counter it returned last time (0 from CreateRequest's ResultSelector).
        Assert.Equal([0, 1, 2], Calls(run).Where(c => (string)c["state"]! == "GetStatus").Select(c => (int)c["input"]!["pollCount"]!));
        Assert.Equal("r-1", (string?)Calls(run).Last()["input"]!["requestId"]);
        Assert.Equal(67, (int)run["output"]!["export"]!["rows"]!);
        Assert.Equal("uploads/fields.gpkg", (string?)run["output"]!["key"]);
    }

    [SkippableFact]
    public async Task FAILED_status_ends_in_a_Fail_state_carrying_the_reason()
    {
        var run = await RunAsync(new JsonObject
        {
            ["CreateRequest"] = new JsonArray(new JsonObject { ["result"] = new JsonObject { ["requestId"] = "r-1", ["status"] = "CREATED" } }),
            ["GetStatus"] = new JsonArray(Status("PROCESSING", 1), Status("FAILED", 2, "feature 3: geometry is empty")),
        });

        Assert.Equal("FAILED", (string?)run["status"]);
        Assert.Equal("FAILED", (string?)run["error"]);
        Assert.Equal("feature 3: geometry is empty", (string?)run["cause"]);
        Assert.DoesNotContain(Calls(run), c => (string)c["state"]! == "Export");
    }

    [SkippableFact]
    public async Task Polling_stops_with_PollLimitExceeded_after_maxPolls()
    {
        var run = await RunAsync(new JsonObject
        {
            ["CreateRequest"] = new JsonArray(new JsonObject { ["result"] = new JsonObject { ["requestId"] = "r-1", ["status"] = "CREATED" } }),
            ["GetStatus"] = new JsonArray(Status("PROCESSING", 1), Status("PROCESSING", 2), Status("PROCESSING", 3), Status("PROCESSING", 4), Status("PROCESSING", 5), Status("PROCESSING", 6)),
        });

        Assert.Equal("PollLimitExceeded", (string?)run["error"]);
        Assert.Equal(5, Calls(run).Count(c => (string)c["state"]! == "GetStatus")); // maxPolls = 5
    }

    [SkippableFact]
    public async Task Invalid_upload_is_not_retried_and_transient_errors_are()
    {
        var invalid = await RunAsync(new JsonObject
        {
            ["CreateRequest"] = new JsonArray(new JsonObject { ["error"] = "InvalidDataException", ["cause"] = "fields.gpkg: not a GeoPackage" }),
        });
        Assert.Equal("InvalidDataException", (string?)invalid["error"]);
        Assert.Equal("fields.gpkg: not a GeoPackage", (string?)invalid["cause"]);
        Assert.Single(Calls(invalid));

        var transient = await RunAsync(new JsonObject
        {
            ["CreateRequest"] = new JsonArray(
                new JsonObject { ["error"] = "TransientError", ["cause"] = "throttled" },
                new JsonObject { ["result"] = new JsonObject { ["requestId"] = "r-1", ["status"] = "CREATED" } }),
            ["GetStatus"] = new JsonArray(Status("DONE", 1)),
            ["Export"] = new JsonArray(new JsonObject { ["error"] = "TransientError" }, new JsonObject { ["result"] = new JsonObject() }),
        });
        Assert.Equal("SUCCEEDED", (string?)transient["status"]);
        Assert.Equal(["CreateRequest", "CreateRequest", "GetStatus", "Export", "Export"], Calls(transient).Select(c => (string)c["state"]!));
    }

    private static List<JsonNode> Calls(JsonObject run) => [.. run["calls"]!.AsArray().Select(c => c!)];

    private static async Task<JsonObject> RunAsync(JsonObject tasks)
    {
        var local = RepoPaths.Find("infra/local");
        var definition = RepoPaths.Find("infra/statemachine/batchstats.asl.json")
                         ?? throw new InvalidOperationException("infra/statemachine/batchstats.asl.json not found");
        if (local is null || !Directory.Exists(Path.Combine(local, "node_modules", "aws-local-stepfunctions")))
        {
            const string message = "infra/local/node_modules is missing: run infra/local/setup.sh (needs npm).";
            if (SharedData.IsCi)
            {
                throw new InvalidOperationException(message + " CI=true, so this is a failure.");
            }

            throw new SkipException(message);
        }

        using var temp = new TempDirectory("batchstats-asl");
        var scenario = temp.Combine("scenario.json");
        await File.WriteAllTextAsync(scenario, new JsonObject { ["input"] = s_input.DeepClone(), ["tasks"] = tasks }.ToJsonString());

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = local,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("run-asl.mjs");
        start.ArgumentList.Add(definition);
        start.ArgumentList.Add(scenario);
        start.Environment["NODE_OPTIONS"] = "--require ./polyfill.cjs";

        using var node = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);
        var output = (await stdout).Trim();
        Assert.True(node.ExitCode == 0, $"run-asl.mjs exited {node.ExitCode}: {await stderr}");
        return JsonNode.Parse(output.Split('\n').Last())!.AsObject();
    }
}
