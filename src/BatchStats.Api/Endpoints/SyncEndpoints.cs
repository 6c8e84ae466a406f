using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Api.Auth;
using BatchStats.Api.Errors;
using BatchStats.Core.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BatchStats.Api.Endpoints;

/// <summary>The synchronous Statistical API (spec §10): one geometry or bbox in, the §9.2 <c>response</c> object out.</summary>
internal static class SyncEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, string path) =>
        routes.MapPost(path, ComputeAsync).WithMetadata(new RequiredScope(ApiScopes.Write));

    private static async Task<IResult> ComputeAsync(HttpRequest http, BatchStatsApiOptions options, CancellationToken ct)
    {
        var (request, error) = await RequestBodyReader.ReadAsync(http, ct);
        if (error is not null)
        {
            return error;
        }

        if (options.Sync is not { } sync)
        {
            return ApiError.Result(501, "The synchronous Statistical API is not available on this server; use the batch API.");
        }

        JsonObject response;
        try
        {
            response = await sync.ComputeAsync(request!, ct);
        }
        catch (RequestValidationException e)
        {
            var errors = e.Problems.GroupBy(p => p.Path.Length == 0 ? "request" : p.Path)
                .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(p => p.Message)));
            return ApiError.Result(400, e.Message, errors: errors);
        }
        catch (ArgumentException e)
        {
            return ApiError.Result(400, e.Message);
        }

        // The sync client cannot take "data": null (spec §1 item 10, §10.1).
        if (response["data"] is not JsonArray)
        {
            response["data"] = new JsonArray();
        }

        return Results.Text(response.ToJsonString(), "application/json", Encoding.UTF8);
    }
}
