namespace BatchStats.Api.Auth;

/// <summary>Endpoint metadata: the scope a token must carry (403 otherwise).</summary>
public sealed record RequiredScope(string Scope);
