using System.Text.Json;

namespace BatchStats.Api.Auth;

/// <summary>
/// Where <c>serve</c> gets its OAuth clients (cli-contract: <c>BATCHSTATS_CLIENT_ID</c> / <c>BATCHSTATS_CLIENT_SECRET</c>,
/// or a clients file given with <c>--clients</c>). The file is
/// <c>{"clients":[{"clientId":"…","clientSecret":"…","scopes":["statistics:read","statistics:write"]}]}</c>
/// (<c>scopes</c> optional, default both), or just the array.
/// </summary>
public static class ApiClients
{
    public const string ClientIdVariable = "BATCHSTATS_CLIENT_ID";
    public const string ClientSecretVariable = "BATCHSTATS_CLIENT_SECRET";

    /// <summary>
    /// What <c>serve</c> uses: the clients file when given, else the environment. Throws when that yields no client,
    /// because a server nobody can get a token for is a configuration mistake.
    /// </summary>
    public static IReadOnlyList<ApiClient> Load(string? clientsFile, Func<string, string?>? getVariable = null)
    {
        var clients = clientsFile is null ? FromEnvironment(getVariable) : FromFile(clientsFile);
        if (clients.Count == 0)
        {
            throw new InvalidOperationException(clientsFile is null
                ? $"No OAuth client configured: set {ClientIdVariable} and {ClientSecretVariable}, or pass --clients <file>."
                : $"clients file {clientsFile}: lists no client.");
        }

        return clients;
    }

    /// <summary>The client from the environment, or an empty list when neither variable is set.</summary>
    public static IReadOnlyList<ApiClient> FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var id = getVariable(ClientIdVariable);
        var secret = getVariable(ClientSecretVariable);
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(secret))
        {
            return [];
        }

        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException(
                $"{ClientIdVariable} and {ClientSecretVariable} must be set together (only one of them is set).");
        }

        return [new ApiClient(id, secret)];
    }

    /// <summary>Reads a clients file; errors name the file and the entry but never echo a secret.</summary>
    public static IReadOnlyList<ApiClient> FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"clients file {path}: malformed JSON ({e.Message.Split(" Path:")[0]}).", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var list = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("clients", out var c) ? c : root;
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidOperationException($"clients file {path}: expected an array of clients or {{\"clients\": [...]}}.");
            }

            var clients = new List<ApiClient>();
            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var where = $"clients file {path}: clients[{index++}]";
                var id = StringProperty(entry, "clientId", where);
                var secret = StringProperty(entry, "clientSecret", where);
                IReadOnlyList<string>? scopes = null;
                if (entry.TryGetProperty("scopes", out var s))
                {
                    if (s.ValueKind != JsonValueKind.Array || s.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
                    {
                        throw new InvalidOperationException($"{where}.scopes: must be an array of strings.");
                    }

                    scopes = s.EnumerateArray().Select(x => x.GetString()!).ToList();
                    foreach (var scope in scopes.Where(x => !ApiScopes.All.Contains(x)))
                    {
                        throw new InvalidOperationException($"{where}.scopes: '{scope}' is not one of {string.Join(", ", ApiScopes.All)}.");
                    }
                }

                clients.Add(new ApiClient(id, secret, scopes));
            }

            var duplicate = clients.GroupBy(x => x.ClientId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InvalidOperationException($"clients file {path}: clientId '{duplicate.Key}' appears more than once.");
            }

            return clients;
        }
    }

    private static string StringProperty(JsonElement entry, string name, string where)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty(name, out var value) ||
            value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            throw new InvalidOperationException($"{where}.{name}: is required and must be a non-empty string.");
        }

        return value.GetString()!;
    }
}
