namespace BatchStats.Api.Auth;

/// <summary>The configured clients by id.</summary>
internal sealed class ApiClientRegistry(IEnumerable<ApiClient> clients)
{
    private readonly Dictionary<string, ApiClient> _clients = clients.ToDictionary(c => c.ClientId, StringComparer.Ordinal);

    public ApiClient? Find(string clientId) => _clients.GetValueOrDefault(clientId);
}
