using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Api.Auth;
using BatchStats.Api.Errors;
using BatchStats.Core.Jobs;
using BatchStats.Core.Requests;
using BatchStats.Engine.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BatchStats.Api.Endpoints;

/// <summary>The Batch Statistical endpoints (spec §4) under one base path.</summary>
internal static class BatchEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, string basePath)
    {
        var group = routes.MapGroup(basePath);
        group.MapPost("", CreateAsync).WithMetadata(new RequiredScope(ApiScopes.Write));
        group.MapGet("", ListAsync).WithMetadata(new RequiredScope(ApiScopes.Read));
        group.MapGet("{id}", GetAsync).WithMetadata(new RequiredScope(ApiScopes.Read));
        group.MapGet("{id}/status", StatusAsync).WithMetadata(new RequiredScope(ApiScopes.Read));
        group.MapPost("{id}/analyse", (string id, BatchJobService jobs, CancellationToken ct) => CommandAsync(id, JobCommand.Analyse, jobs, ct))
            .WithMetadata(new RequiredScope(ApiScopes.Write));
        group.MapPost("{id}/start", (string id, BatchJobService jobs, CancellationToken ct) => CommandAsync(id, JobCommand.Start, jobs, ct))
            .WithMetadata(new RequiredScope(ApiScopes.Write));
        group.MapPost("{id}/stop", (string id, BatchJobService jobs, CancellationToken ct) => CommandAsync(id, JobCommand.Stop, jobs, ct))
            .WithMetadata(new RequiredScope(ApiScopes.Write));

        // Legacy (sentinelhub-py cancel_job): exactly stop (spec §4 Decision).
        group.MapPost("{id}/cancel", (string id, BatchJobService jobs, CancellationToken ct) => CommandAsync(id, JobCommand.Stop, jobs, ct))
            .WithMetadata(new RequiredScope(ApiScopes.Write));
    }

    private static async Task<IResult> CreateAsync(HttpRequest http, BatchJobService jobs, BatchStatsApiOptions options, CancellationToken ct)
    {
        var (request, error) = await RequestBodyReader.ReadAsync(http, ct);
        if (error is not null)
        {
            return error;
        }

        using (var document = JsonDocument.Parse(request!.ToJsonString()))
        {
            var problems = RequestValidator.Validate(document.RootElement, options.Validation);
            if (problems.Count > 0)
            {
                var errors = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var problem in problems)
                {
                    var key = problem.Path.Length == 0 ? "request" : problem.Path;
                    errors[key] = errors.TryGetValue(key, out var earlier) ? earlier + "; " + problem.Message : problem.Message;
                }

                return ApiError.Result(400, string.Join("; ", problems), errors: errors);
            }
        }

        BatchTask task;
        try
        {
            task = await jobs.CreateAsync(request, ct);
        }
        catch (RequestValidationException e)
        {
            // The engine's own create-time validation (e.g. LocalEngine's) found what ours did not.
            var errors = e.Problems.GroupBy(p => p.Path.Length == 0 ? "request" : p.Path)
                .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(p => p.Message)));
            return ApiError.Result(400, e.Message, errors: errors);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return ApiError.Result(400, e.Message);
        }

        return Results.Text(JobsJson.SerializeTask(task), "application/json", Encoding.UTF8, 201);
    }

    private static async Task<IResult> GetAsync(string id, BatchJobService jobs, CancellationToken ct)
    {
        if (!RequestIds.TryNormalize(id, out var requestId) || await jobs.GetAsync(requestId, ct) is not { } task)
        {
            return NotFound(id);
        }

        return Results.Text(JobsJson.SerializeTask(task), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> StatusAsync(string id, BatchJobService jobs, CancellationToken ct)
    {
        if (!RequestIds.TryNormalize(id, out var requestId) || await jobs.GetStatusAsync(requestId, ct) is not { } status)
        {
            return NotFound(id);
        }

        return Results.Text(JobsJson.SerializeStatus(status), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> CommandAsync(string id, JobCommand command, BatchJobService jobs, CancellationToken ct)
    {
        if (!RequestIds.TryNormalize(id, out var requestId))
        {
            return NotFound(id);
        }

        CommandResult result;
        try
        {
            result = await jobs.ApplyAsync(requestId, command, ct);
        }
        catch (JobNotFoundException)
        {
            return NotFound(id);
        }

        return result.Kind == TransitionKind.Rejected
            ? ApiError.Result(400, result.Message ?? $"Not allowed in status {JobTransitions.StatusName(result.Task.Status)}.")
            : Results.NoContent();
    }

    private static async Task<IResult> ListAsync(HttpRequest http, BatchJobService jobs, CancellationToken ct)
    {
        var query = http.Query;
        int? count = null;
        if (query.TryGetValue("count", out var countText))
        {
            if (!int.TryParse(countText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiError.Result(400, $"count: must be a positive integer, got '{countText}'.",
                    errors: new Dictionary<string, string> { ["count"] = "must be a positive integer" });
            }

            count = parsed;
        }

        var viewToken = query.TryGetValue("viewtoken", out var v) ? v.ToString() : null;
        var sort = query.TryGetValue("sort", out var s) ? s.ToString() : null;
        TaskPage page;
        try
        {
            page = await jobs.ListAsync(count, viewToken, sort, ct);
        }
        catch (ArgumentException e)
        {
            var field = e.ParamName ?? "query";
            return ApiError.Result(400, e.Message.Split(" (Parameter")[0], errors: new Dictionary<string, string> { [field] = e.Message.Split(" (Parameter")[0] });
        }

        var data = new JsonArray();
        foreach (var task in page.Data)
        {
            data.Add(JsonNode.Parse(JobsJson.SerializeTask(task)));
        }

        var links = new JsonObject
        {
            ["currentToken"] = page.CurrentToken,
        };
        if (page.NextToken is not null)
        {
            links["nextToken"] = page.NextToken;
        }

        if (page.PreviousToken is not null)
        {
            links["previousToken"] = page.PreviousToken;
        }

        links["@id"] = PageUrl(http, page.CurrentToken, count, sort);
        if (page.NextToken is not null)
        {
            links["next"] = PageUrl(http, page.NextToken, count, sort);
        }

        if (page.PreviousToken is not null)
        {
            links["previous"] = PageUrl(http, page.PreviousToken, count, sort);
        }

        var body = new JsonObject { ["data"] = data, ["links"] = links };
        return Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8);
    }

    private static string PageUrl(HttpRequest http, string token, int? count, string? sort)
    {
        var query = new List<string>();
        if (count is not null)
        {
            query.Add("count=" + count.Value.ToString(CultureInfo.InvariantCulture));
        }

        query.Add("viewtoken=" + Uri.EscapeDataString(token));
        if (sort is not null)
        {
            query.Add("sort=" + Uri.EscapeDataString(sort));
        }

        return $"{http.Scheme}://{http.Host}{http.PathBase}{http.Path}?{string.Join('&', query)}";
    }

    private static IResult NotFound(string id) => ApiError.Result(404, $"Batch statistical request {id} not found.");
}
