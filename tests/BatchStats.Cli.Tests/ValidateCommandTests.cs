using System.Text.Json.Nodes;
using BatchStats.TestSupport;

namespace BatchStats.Cli.Tests;

public class ValidateCommandTests
{
    private const string Valid = """
        {
          "input": {
            "features": {"s3": {"url": "s3://bucket/in/fields.gpkg"}},
            "data": [{"type": "sentinel-2-l2a", "dataFilter": {"maxCloudCoverage": 80}}]
          },
          "aggregation": {
            "evalscript": "//VERSION=3",
            "timeRange": {"from": "2020-06-01T00:00:00Z", "to": "2020-06-30T23:59:59Z"},
            "aggregationInterval": {"of": "P1D"},
            "resx": 10, "resy": 10
          },
          "output": {"s3": {"url": "s3://bucket/out/"}}
        }
        """;

    private static (int Code, string[] Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }

    [Fact]
    public void Valid_request_prints_one_OK_line_and_exits_0()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "request.json");
        File.WriteAllText(path, Valid);
        var (code, output, error) = Run("validate", path);
        Assert.Equal(0, code);
        var line = Assert.Single(output);
        Assert.StartsWith("OK: ", line);
        Assert.Contains("29 intervals", line); // E6
        Assert.Empty(error);
        Assert.DoesNotContain("\u001b[", line); // no colours when redirected
    }

    [Fact]
    public void Every_problem_is_printed_with_its_path_and_exit_2()
    {
        using var temp = new TempDirectory();
        var root = JsonNode.Parse(Valid)!;
        root["aggregation"]!["resx"] = "ten";
        root["aggregation"]!["aggregationInterval"]!["of"] = "PT1H";
        root["output"]!["s3"]!["url"] = "s3://bucket/out/<REQUEST_ID>.json";
        var path = Path.Combine(temp.Path, "broken.json");
        File.WriteAllText(path, root.ToJsonString());

        var (code, output, error) = Run("validate", path);
        Assert.Equal(2, code);
        Assert.Equal(
            ["aggregation.aggregationInterval.of: must be at least one day",
             "aggregation.resx: must be a number, got a string",
             "output.s3.url: a template URL must contain <ID> or <IDENTIFIER>"],
            output.Order());
        Assert.Contains("3 problems", error);
    }

    [Fact]
    public void Malformed_json_reports_line_and_position()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "bad.json");
        File.WriteAllText(path, "{\n  \"input\": {,\n}");
        var (code, output, _) = Run("validate", path);
        Assert.Equal(2, code);
        Assert.Contains("malformed JSON at line 2, position", Assert.Single(output));
    }

    [Fact]
    public void Unreadable_file_exits_2_without_stack_trace()
    {
        var (code, output, error) = Run("validate", "/nonexistent/dir/request.json");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("cannot read '/nonexistent/dir/request.json'", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Help_lists_the_contract_commands()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        var text = string.Join("\n", output);
        foreach (var name in new[] { "validate", "run", "status", "watch", "restart", "list", "export", "serve", "demo", "plot", "results" })
        {
            Assert.Contains(name, text);
        }
    }
}
