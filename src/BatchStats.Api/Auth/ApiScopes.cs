namespace BatchStats.Api.Auth;

/// <summary>Rights a client may hold; carried in the token's <c>scope</c> claim.</summary>
public static class ApiScopes
{
    /// <summary>GET endpoints: list, get, status.</summary>
    public const string Read = "statistics:read";

    /// <summary>Create, analyse, start, stop, cancel and the sync endpoint.</summary>
    public const string Write = "statistics:write";

    public static IReadOnlyList<string> All { get; } = [Read, Write];
}
