using System.CommandLine;
using System.Text;
using BatchStats.Api;
using BatchStats.Api.Auth;
using BatchStats.Api.Sync;
using BatchStats.Cli.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace BatchStats.Cli.Commands;

/// <summary>
/// <c>batchstats serve [--port 8080] [--host 127.0.0.1] [--stac …] [--clients file]</c>: the Sentinel-Hub-compatible REST
/// API over the embedded engine. Jobs created through the API run inside this process.
/// </summary>
public sealed class ServeCommand : ICliCommand
{
    /// <summary>Optional fixed HS256 key (≥ 32 bytes), so issued tokens survive a restart.</summary>
    public const string SigningKeyVariable = "BATCHSTATS_SIGNING_KEY";

    public Command Build(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "port (default 8080)", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host") { Description = "interface to bind (default 127.0.0.1, loopback only)", DefaultValueFactory = _ => "127.0.0.1" };
        var stac = new Option<string>("--stac") { Description = "STAC catalog.json or STAC API url (default $BATCHSTATS_STAC, then Earth Search v1)" };
        var clients = new Option<string>("--clients") { Description = "OAuth clients file {\"clients\":[{\"clientId\",\"clientSecret\"}]} (default BATCHSTATS_CLIENT_ID/_SECRET)" };
        var workers = new Option<int>("--workers") { Description = "features processed in parallel (default: cores)" };
        var command = new Command("serve", "serve the Sentinel-Hub-compatible REST API and token endpoint (loopback by default)")
        {
            port, host, stac, clients, workers,
        };
        command.SetAction(parse => CommandExecution.Run(context, "serve", parse, async ct =>
        {
            IReadOnlyList<ApiClient> allowed;
            try
            {
                allowed = ApiClients.Load(parse.GetValue(clients));
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException or System.Text.Json.JsonException)
            {
                throw new CliUserException(e.Message, "set BATCHSTATS_CLIENT_ID and BATCHSTATS_CLIENT_SECRET, or pass --clients <file>");
            }

            await using var engine = context.CreateEngine(parse.GetValue(stac), parse.GetValue(workers));
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://{parse.GetValue(host)}:{parse.GetValue(port)}");
            var sync = new SyncStatistics(engine);
            var options = new BatchStatsApiOptions { Jobs = engine.Service, Clients = allowed, Sync = sync };
            var key = Environment.GetEnvironmentVariable(SigningKeyVariable);
            if (!string.IsNullOrEmpty(key))
            {
                var bytes = Encoding.UTF8.GetBytes(key);
                if (bytes.Length < 32)
                {
                    throw new CliUserException($"{SigningKeyVariable} must be at least 32 bytes");
                }

                options = new BatchStatsApiOptions { Jobs = engine.Service, Clients = allowed, Sync = sync, SigningKey = bytes };
            }

            await using var app = BatchStatsApi.Build(builder, options);
            context.Output.WriteLine($"batchstats serve: listening on http://{parse.GetValue(host)}:{parse.GetValue(port)} " +
                                     $"({allowed.Count} client{(allowed.Count == 1 ? "" : "s")}; state {engine.StateDirectory}); Ctrl+C stops");
            await app.RunAsync().ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
