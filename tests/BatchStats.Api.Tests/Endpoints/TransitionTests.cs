using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Api.Tests.Support;

namespace BatchStats.Api.Tests.Endpoints;

/// <summary>Every row of the §7.2 transition table, driven over HTTP the way sentinelhub-py does (empty JSON POSTs).</summary>
public sealed class TransitionTests : IAsyncLifetime
{
    private const string B = "/api/v1/statistics/batch";
    private readonly FakeEngine _engine = new(features: 20);
    private ApiHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(new BatchStatsApiOptions { Jobs = _engine.Service, Clients = ApiHost.DefaultClients });
        _client = await _host.AuthorizedAsync();
    }

    public async Task DisposeAsync()
    {
        _engine.Analyzer.Gate?.Release(100);
        _engine.Processor.Gate?.Release(100);
        await _engine.Scheduler.WhenIdleAsync();
        _client.Dispose();
        await _host.DisposeAsync();
        _engine.Dispose();
    }

    private async Task<string> CreateAsync()
    {
        using var response = await _client.PostAsync(B, ApiHost.Json(FakeEngine.Request()));
        return (await ApiHost.ReadObjectAsync(response))["id"]!.GetValue<string>();
    }

    /// <summary>POST with no body but Content-Type: application/json, exactly like the reference client (§4).</summary>
    private async Task<HttpResponseMessage> CommandAsync(string id, string command)
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await _client.PostAsync($"{B}/{id}/{command}", content);
    }

    private async Task AcceptedAsync(string id, string command)
    {
        using var response = await CommandAsync(id, command);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{command}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task RejectedAsync(string id, string command, string status)
    {
        var error = await ApiHost.AssertErrorAsync(await CommandAsync(id, command), 400, "COMMON_BAD_PAYLOAD");
        Assert.Contains(status, error["message"]!.GetValue<string>()); // the message names the current status
    }

    private async Task<JsonObject> TaskAsync(string id) => await ApiHost.ReadObjectAsync(await _client.GetAsync($"{B}/{id}"));

    private async Task<string> StatusAsync(string id) => (await TaskAsync(id))["status"]!.GetValue<string>();

    private async Task<JsonObject> WaitForAsync(string id, string status)
    {
        for (var i = 0; i < 500; i++)
        {
            var task = await TaskAsync(id);
            if (task["status"]!.GetValue<string>() == status)
            {
                return task;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{id} never reached {status}; last: {(await TaskAsync(id)).ToJsonString()}");
    }

    [Fact]
    public async Task Created_stop_is_a_no_op_and_start_runs_analysis_then_processing_to_done()
    {
        var id = await CreateAsync();
        await AcceptedAsync(id, "stop");
        Assert.Equal("CREATED", await StatusAsync(id));
        Assert.Equal("NONE", (await TaskAsync(id))["userAction"]!.GetValue<string>());

        await AcceptedAsync(id, "start");
        var done = await WaitForAsync(id, "DONE");
        Assert.Equal(100, done["completionPercentage"]!.GetValue<int>());
        Assert.Equal("START", done["userAction"]!.GetValue<string>());
        Assert.Equal(10.0, done["costPU"]!.GetValue<double>()); // 20 features × 0.5 PU from the fake processor
        Assert.True(done.ContainsKey("lastUpdated"));
        Assert.True(done.ContainsKey("userActionUpdated"));

        await RejectedAsync(id, "analyse", "DONE");
        await RejectedAsync(id, "start", "DONE");
        await AcceptedAsync(id, "stop");
        await AcceptedAsync(id, "cancel");
        Assert.Equal("DONE", await StatusAsync(id));
    }

    [Fact]
    public async Task Analyse_holds_in_ANALYSING_then_ANALYSIS_DONE_then_start_processes()
    {
        _engine.Analyzer.Gate = new SemaphoreSlim(0);
        var id = await CreateAsync();
        await AcceptedAsync(id, "analyse");
        Assert.Equal("ANALYSING", await StatusAsync(id));
        Assert.Equal("ANALYSE", (await TaskAsync(id))["userAction"]!.GetValue<string>());
        await AcceptedAsync(id, "analyse"); // no-op
        Assert.Equal(0, (await ApiHost.ReadObjectAsync(await _client.GetAsync($"{B}/{id}/status")))["completionPercentage"]!.GetValue<int>());

        _engine.Analyzer.Gate.Release();
        await WaitForAsync(id, "ANALYSIS_DONE");
        await AcceptedAsync(id, "analyse"); // no-op
        Assert.Equal("ANALYSIS_DONE", await StatusAsync(id));

        await AcceptedAsync(id, "start");
        Assert.Equal(100, (await WaitForAsync(id, "DONE"))["completionPercentage"]!.GetValue<int>());
    }

    [Fact]
    public async Task Start_during_ANALYSING_goes_on_to_processing_when_the_analysis_completes()
    {
        _engine.Analyzer.Gate = new SemaphoreSlim(0);
        var id = await CreateAsync();
        await AcceptedAsync(id, "analyse");
        await AcceptedAsync(id, "start");
        Assert.Equal("START", (await TaskAsync(id))["userAction"]!.GetValue<string>());
        Assert.Equal("ANALYSING", await StatusAsync(id));
        _engine.Analyzer.Gate.Release();
        await WaitForAsync(id, "DONE");
    }

    [Fact]
    public async Task Stop_during_ANALYSING_lets_the_analysis_complete_then_STOPPED_and_start_resumes()
    {
        _engine.Analyzer.Gate = new SemaphoreSlim(0);
        var id = await CreateAsync();
        await AcceptedAsync(id, "analyse");
        await AcceptedAsync(id, "stop");
        Assert.Equal("ANALYSING", await StatusAsync(id));
        _engine.Analyzer.Gate.Release();
        var stopped = await WaitForAsync(id, "STOPPED");
        Assert.Equal("USER_ACTION", stopped["stoppedStatusReason"]!.GetValue<string>());
        Assert.Equal("STOPPED", (await ApiHost.ReadObjectAsync(await _client.GetAsync($"{B}/{id}/status")))["status"]!.GetValue<string>());

        await RejectedAsync(id, "analyse", "STOPPED");
        await AcceptedAsync(id, "stop"); // no-op
        await AcceptedAsync(id, "start"); // analysis completed before: straight to PROCESSING
        await WaitForAsync(id, "DONE");
    }

    [Fact]
    public async Task ANALYSIS_DONE_stop_is_STOPPED_with_USER_ACTION()
    {
        var id = await CreateAsync();
        await AcceptedAsync(id, "analyse");
        await WaitForAsync(id, "ANALYSIS_DONE");
        await AcceptedAsync(id, "cancel"); // legacy cancel = stop
        var stopped = await WaitForAsync(id, "STOPPED");
        Assert.Equal("USER_ACTION", stopped["stoppedStatusReason"]!.GetValue<string>());
        Assert.Equal("STOP", stopped["userAction"]!.GetValue<string>());
    }

    [Fact]
    public async Task PROCESSING_rejects_analyse_ignores_start_and_stops_after_in_flight_features()
    {
        _engine.Processor.Gate = new SemaphoreSlim(0);
        var id = await CreateAsync();
        await AcceptedAsync(id, "start");
        await _engine.Processor.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("PROCESSING", await StatusAsync(id));

        await RejectedAsync(id, "analyse", "PROCESSING");
        await AcceptedAsync(id, "start"); // no-op
        await AcceptedAsync(id, "stop");
        Assert.Equal("STOP", (await TaskAsync(id))["userAction"]!.GetValue<string>());
        _engine.Processor.Gate.Release(100);
        var stopped = await WaitForAsync(id, "STOPPED");
        Assert.InRange(stopped["completionPercentage"]!.GetValue<int>(), 0, 99); // never 100 unless DONE (§8.1)

        await AcceptedAsync(id, "start"); // STOPPED → PROCESSING, finished features are kept
        Assert.Equal(100, (await WaitForAsync(id, "DONE"))["completionPercentage"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_failed_analysis_is_FAILED_with_error_and_rejects_start()
    {
        _engine.Analyzer.Error = "evalscript: setup() is missing";
        var id = await CreateAsync();
        await AcceptedAsync(id, "analyse");
        var failed = await WaitForAsync(id, "FAILED");
        Assert.Equal("evalscript: setup() is missing", failed["error"]!.GetValue<string>());
        var status = await ApiHost.ReadObjectAsync(await _client.GetAsync($"{B}/{id}/status"));
        Assert.Equal("evalscript: setup() is missing", status["error"]!.GetValue<string>());

        await RejectedAsync(id, "start", "FAILED");
        await RejectedAsync(id, "analyse", "FAILED");
        await AcceptedAsync(id, "stop"); // no-op
        Assert.Equal("FAILED", await StatusAsync(id));
    }

    [Fact]
    public async Task Commands_accept_a_body_and_any_content_type()
    {
        var id = await CreateAsync();
        using var withBody = await _client.PostAsync($"{B}/{id}/stop", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, withBody.StatusCode);
        using var noContentType = await _client.PostAsync($"{B}/{id}/stop", null);
        Assert.Equal(HttpStatusCode.NoContent, noContentType.StatusCode);
    }
}
