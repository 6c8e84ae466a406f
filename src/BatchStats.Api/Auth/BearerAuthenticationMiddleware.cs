using System.Net.Http.Headers;
using BatchStats.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace BatchStats.Api.Auth;

/// <summary>
/// Requires <c>Authorization: Bearer &lt;token&gt;</c> on every API path (spec §3.4): missing, malformed, forged or
/// expired → 401; a valid token without the endpoint's <see cref="RequiredScope"/> → 403. Both with the §5 wrapper.
/// Runs before the rate limiter so that limits are per client.
/// </summary>
internal sealed class BearerAuthenticationMiddleware(RequestDelegate next, JwtTokenService tokens)
{
    public static bool IsProtected(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/statistics", StringComparison.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsProtected(context.Request.Path))
        {
            await next(context);
            return;
        }

        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var header) ||
            !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(header.Parameter))
        {
            await UnauthorizedAsync(context, "Missing bearer token: send Authorization: Bearer <access_token>.", "");
            return;
        }

        var validation = tokens.Validate(header.Parameter.Trim());
        if (validation.Principal is not { } principal)
        {
            await UnauthorizedAsync(context, validation.Error!, ", error=\"invalid_token\"");
            return;
        }

        principal.AttachTo(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>() is { } required && !principal.Has(required.Scope))
        {
            await ApiError.WriteAsync(context, 403, $"The client {principal.ClientId} lacks the right {required.Scope} for this operation.");
            return;
        }

        await next(context);
    }

    private static Task UnauthorizedAsync(HttpContext context, string message, string challenge)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"batchstats\"" + challenge;
        return ApiError.WriteAsync(context, 401, message);
    }
}
