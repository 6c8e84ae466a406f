using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Cli.Infrastructure;
using BatchStats.TestSupport;

namespace BatchStats.Cli.Tests;

public class JitProfileTests
{
    [Fact]
    public void Only_a_script_that_runs_in_Jint_wants_tiered_pgo()
    {
        Assert.False(JitProfile.WantsTieredPgo(NdviRequests.FastPathScript));
        Assert.True(JitProfile.WantsTieredPgo(NdviRequests.JintScript));

        // A script that does not compile stays in this process: the engine reports it with the job.
        Assert.False(JitProfile.WantsTieredPgo(NdviRequests.BrokenScript));

        // By reference (no inline script) the script is not read here.
        Assert.False(JitProfile.WantsTieredPgo(null));
    }

    [Fact]
    public void In_process_callers_never_start_a_child()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null);
        Assert.Null(context.RelaunchArguments);
        Assert.Null(JitProfile.ContinueInChildIfJint(context, NdviRequests.JintScript));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("0", false)]
    [InlineData("1", false)]
    public void An_explicit_DOTNET_TieredPGO_is_the_users_choice(string? value, bool mayRelaunch) =>
        Assert.Equal(mayRelaunch, JitProfile.MayRelaunch(value));

    [Fact]
    public void The_child_is_the_same_program_with_the_same_arguments()
    {
        // The test host runs under the dotnet muxer, like `dotnet batchstats.dll`.
        var start = JitProfile.ChildStartInfo(["--verbose", "run", "request with spaces.json"]);
        Assert.Equal(Environment.ProcessPath, start.FileName);
        Assert.Equal([typeof(JitProfile).Assembly.Location, "--verbose", "run", "request with spaces.json"], start.ArgumentList);
    }

    [Fact]
    public async Task A_Jint_job_continues_in_a_child_with_tiered_pgo_and_writes_the_same_statistics()
    {
        var slovenia = SharedData.Data("s2-slovenia");
        using var temp = new TempDirectory();
        var catalog = Path.Combine(slovenia, "catalog.json");
        var request = NdviRequests.Request(NdviRequests.JintScript, Path.Combine(slovenia, "fields.gpkg"), temp.Combine("child") + "/");
        File.WriteAllText(temp.Combine("child.json"), request.ToJsonString());
        request["output"]!["s3"]!["url"] = temp.Combine("in-process") + "/";
        File.WriteAllText(temp.Combine("in-process.json"), request.ToJsonString());

        var (code, stdout, stderr) = await RunExecutableAsync("--verbose", "run", temp.Combine("child.json"), "--state", temp.Combine("state"), "--stac", catalog, "--json");
        Assert.True(code == 0, stderr);
        Assert.Contains($"continuing in a child process with {JitProfile.Variable}=1", stderr);
        var child = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("DONE", child.GetProperty("status").GetString());

        // A restart of that job decides the same way (nothing failed, so it has nothing to redo).
        var restart = await RunExecutableAsync("--verbose", "restart", child.GetProperty("requestId").GetString()!, "--state", temp.Combine("state"), "--stac", catalog, "--json");
        Assert.True(restart.Code == 0, restart.Err);
        Assert.Contains($"continuing in a child process with {JitProfile.Variable}=1", restart.Err);

        // The same job in this process (never relaunched in-process) gives byte-identical per-feature results.
        var local = CliResult.Run("run", temp.Combine("in-process.json"), "--state", temp.Combine("state"), "--stac", catalog, "--json");
        Assert.True(local.Code == 0, local.Err);
        Assert.DoesNotContain("child process", local.Err);
        var a1 = new Uri(child.GetProperty("outputPrefix").GetString()!).LocalPath;
        var a2 = new Uri(local.LastJson().GetProperty("outputPrefix").GetString()!).LocalPath;
        var files = Directory.GetFiles(a1, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(67, files.Length);
        Assert.Equal(files, Directory.GetFiles(a2, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(a2, file!)), File.ReadAllText(Path.Combine(a1, file!)));
        }

        Assert.Contains("\"mean\"", File.ReadAllText(Path.Combine(a1, files[0]!)));
    }

    /// <summary>The real executable, as a user starts it, with DOTNET_TieredPGO unset so the CLI decides.</summary>
    private static async Task<(int Code, string Out, string Err)> RunExecutableAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(JitProfile).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove(JitProfile.Variable);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
