using System.Text.Json.Nodes;
using BatchStats.TestSupport;

namespace BatchStats.Cli.Tests;

public class RunCommandTests
{
    private const string Request = """
        {
          "input": {
            "features": {"s3": {"url": "fields.gpkg"}},
            "data": [{"type": "sentinel-2-l1c"}]
          },
          "aggregation": {
            "evalscript": "//VERSION=3\nfunction setup(){return {input:[{bands:[\"B04\",\"B08\",\"dataMask\"]}],output:[{id:\"ndvi\",bands:1,sampleType:\"FLOAT32\"},{id:\"dataMask\",bands:1}]};}\nfunction evaluatePixel(s){return {ndvi:[index(s.B08,s.B04)],dataMask:[s.dataMask]};}",
            "timeRange": {"from": "2023-04-01T00:00:00Z", "to": "2023-10-01T00:00:00Z"},
            "aggregationInterval": {"of": "P1D"},
            "resx": 10, "resy": 10
          },
          "output": {"s3": {"url": "results/"}}
        }
        """;

    [Fact]
    public void Invalid_request_exits_2_and_lists_the_problem_with_its_path()
    {
        using var temp = new TempDirectory();
        var root = JsonNode.Parse(Request)!;
        root["aggregation"]!["resx"] = "ten";
        var path = temp.Combine("request.json");
        File.WriteAllText(path, root.ToJsonString());
        var r = CliResult.Run("run", path, "--state", temp.Combine("state"), "--json");
        Assert.Equal(2, r.Code);
        Assert.Contains("aggregation.resx: must be a number, got a string", r.Err);
        Assert.Empty(r.Out);
        Assert.False(Directory.Exists(temp.Combine("state", "jobs")) && Directory.EnumerateFileSystemEntries(temp.Combine("state", "jobs")).Any());
    }

    [Fact]
    public void Unreadable_request_file_exits_2()
    {
        using var temp = new TempDirectory();
        var r = CliResult.Run("run", temp.Combine("missing.json"), "--state", temp.Combine("state"));
        Assert.Equal(2, r.Code);
        Assert.StartsWith("batchstats run: cannot read '", Assert.Single(r.ErrLines));
    }

    [Fact]
    public void Unreadable_geopackage_fails_the_job_with_exit_1_and_one_clear_line()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("fields.gpkg"), "this is not a GeoPackage");
        File.WriteAllText(temp.Combine("request.json"), Request);
        var r = CliResult.Run("run", temp.Combine("request.json"), "--state", temp.Combine("state"), "--stac", temp.Combine("catalog.json"), "--json");
        Assert.Equal(1, r.Code);
        var line = Assert.Single(r.ErrLines, l => !l.StartsWith("run ", StringComparison.Ordinal));
        Assert.Matches("^batchstats run: job [0-9a-f-]{36} ended FAILED: .+", line);
        Assert.DoesNotContain("   at ", r.Err);

        // --json: the last stdout line is still the contract object, with no export.
        var json = r.LastJson();
        Assert.Equal("FAILED", json.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("parquet").ValueKind);
    }

    [Fact]
    public void Status_watch_restart_and_plot_of_an_unknown_id_exit_1_with_one_line()
    {
        using var temp = new TempDirectory();
        foreach (var command in new[] { "status", "watch", "restart", "plot", "results", "export" })
        {
            var r = CliResult.Run(command, "no-such-job", "--state", temp.Path);
            Assert.Equal(1, r.Code);
            Assert.Equal($"batchstats {command}: unknown request id 'no-such-job' (see `batchstats list`)", Assert.Single(r.ErrLines));
            Assert.Empty(r.Out);
        }
    }

    [Fact]
    public void List_of_an_empty_state_is_an_empty_json_array()
    {
        using var temp = new TempDirectory();
        var r = CliResult.Run("list", "--state", temp.Path, "--json");
        Assert.Equal(0, r.Code);
        Assert.Equal(0, r.LastJson().GetArrayLength());
    }

    [Fact]
    public void Completion_prints_a_script_using_the_suggest_directive_and_the_directive_answers()
    {
        var bash = CliResult.Run("completion", "bash");
        Assert.Equal(0, bash.Code);
        Assert.Contains("[suggest:", bash.Out);
        Assert.Contains("complete -o default -F _batchstats_complete batchstats", bash.Out);

        var suggest = CliResult.Run("[suggest:13]", "batchstats re");
        Assert.Equal(0, suggest.Code);
        Assert.Contains("restart", suggest.OutLines);
        Assert.Contains("results", suggest.OutLines);
    }

    [Fact]
    public void Help_documents_exit_codes_and_relative_paths()
    {
        var root = CliResult.Run("--help");
        Assert.Contains("Exit codes: 0", root.Out);
        var run = CliResult.Run("run", "--help");
        Assert.Contains("resolve against the request file's folder", run.Out);
        Assert.Contains("2 invalid request", run.Out);
    }
}

[Collection(DemoCollection.Name)]
public class RunOnDemoArchiveTests(DemoFixture demo)
{
    [Fact]
    public void Run_with_relative_paths_resolves_them_against_the_request_folder_and_prints_the_json_summary_last()
    {
        // The demo request, with the GeoPackage and output given relative to the request file.
        var request = JsonNode.Parse(File.ReadAllText(Path.Combine(demo.Folder, "request.json")))!;
        request["input"]!["features"]!["s3"]!["url"] = "fields.gpkg";
        request["output"]!["s3"]!["url"] = "run-results/";
        var path = Path.Combine(demo.Folder, "request-relative.json");
        File.WriteAllText(path, request.ToJsonString());
        var r = CliResult.Run("run", path, "--state", demo.State, "--stac", Path.Combine(demo.Folder, "catalog.json"), "--workers", "2", "--json");
        Assert.True(r.Code == 0, r.Err);
        var json = r.LastJson();
        Assert.Equal("DONE", json.GetProperty("status").GetString());
        var prefix = json.GetProperty("outputPrefix").GetString()!;
        var folder = new Uri(prefix).LocalPath;
        Assert.StartsWith(Path.Combine(demo.Folder, "run-results") + Path.DirectorySeparatorChar, folder);
        Assert.EndsWith(json.GetProperty("requestId").GetString() + "/", prefix);
        Assert.Equal(36, json.GetProperty("features").GetProperty("total").GetInt64());
        Assert.StartsWith(folder, json.GetProperty("csv").GetString());
    }
}
