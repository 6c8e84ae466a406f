using Microsoft.AspNetCore.Http;

namespace BatchStats.Api.Auth;

/// <summary>The caller identified by a valid bearer token.</summary>
public sealed record ApiPrincipal(string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt)
{
    private const string ItemKey = "BatchStats.ApiPrincipal";

    public bool Has(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    public static ApiPrincipal? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var p) ? p as ApiPrincipal : null;

    internal void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
