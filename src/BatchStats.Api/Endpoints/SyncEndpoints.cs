using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Api.Auth;
using BatchStats.Api.Errors;
using BatchStats.Api.Sync;
using BatchStats.Core.Numbers;
using BatchStats.Core.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BatchStats.Api.Endpoints;

/// <summary>The synchronous Statistical API (spec §10): one geometry or bbox in, the §9.2 <c>response</c> object out.</summary>
internal static class SyncEndpoints
{
    public const string ProcessingUnitsHeader = "X-ProcessingUnits-Spent";

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

        SyncStatisticsAnswer answer;
        try
        {
            answer = await sync.ComputeAsync(request!, ct);
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

        var response = answer.Response;

        // The sync client cannot take "data": null (spec §1 item 10, §10.1).
        if (response["data"] is not JsonArray)
        {
            response["data"] = new JsonArray();
        }

        // §10.1 allows the header here; its number is written like every costPU (S29, Java Double.toString: "0.0", "1.0E-4").
        if (answer.CostPU is { } cost && double.IsFinite(cost))
        {
            http.HttpContext.Response.Headers[ProcessingUnitsHeader] = JavaDouble.Format(cost);
        }

        return Results.Text(response.ToJsonString(), "application/json", Encoding.UTF8);
    }
}
