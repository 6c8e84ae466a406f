using BatchStats.Api.Auth;
using BatchStats.TestSupport;

namespace BatchStats.Api.Tests.Auth;

public sealed class ApiClientsTests
{
    [Fact]
    public void Environment_gives_one_full_rights_client_or_none()
    {
        var env = new Dictionary<string, string?> { [ApiClients.ClientIdVariable] = "me", [ApiClients.ClientSecretVariable] = "pw" };
        var client = Assert.Single(ApiClients.FromEnvironment(k => env.GetValueOrDefault(k)));
        Assert.Equal("me", client.ClientId);
        Assert.Equal(ApiScopes.All, client.Scopes);
        Assert.Empty(ApiClients.FromEnvironment(_ => null));

        var half = Assert.Throws<InvalidOperationException>(() => ApiClients.FromEnvironment(k => k == ApiClients.ClientIdVariable ? "me" : null));
        Assert.Contains(ApiClients.ClientSecretVariable, half.Message);
    }

    [Fact]
    public void Load_prefers_the_file_and_refuses_to_serve_without_any_client()
    {
        var env = new Dictionary<string, string?> { [ApiClients.ClientIdVariable] = "env-client", [ApiClients.ClientSecretVariable] = "pw" };
        Assert.Equal("env-client", Assert.Single(ApiClients.Load(null, k => env.GetValueOrDefault(k))).ClientId);

        using var dir = new TempDirectory();
        var path = dir.Combine("clients.json");
        File.WriteAllText(path, """[{"clientId":"file-client","clientSecret":"x"}]""");
        Assert.Equal("file-client", Assert.Single(ApiClients.Load(path, k => env.GetValueOrDefault(k))).ClientId);

        var none = Assert.Throws<InvalidOperationException>(() => ApiClients.Load(null, _ => null));
        Assert.Contains("--clients", none.Message);
        File.WriteAllText(path, "[]");
        Assert.Contains("lists no client", Assert.Throws<InvalidOperationException>(() => ApiClients.Load(path, _ => null)).Message);
    }

    [Fact]
    public void Clients_file_reads_scopes_and_rejects_bad_entries_without_echoing_secrets()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("clients.json");
        File.WriteAllText(path, """{"clients":[{"clientId":"a","clientSecret":"sa"},{"clientId":"b","clientSecret":"sb","scopes":["statistics:read"]}]}""");
        var clients = ApiClients.FromFile(path);
        Assert.Equal(["a", "b"], clients.Select(c => c.ClientId));
        Assert.Equal([ApiScopes.Read], clients[1].Scopes);

        File.WriteAllText(path, """[{"clientId":"a","clientSecret":"hidden-1"},{"clientId":"a","clientSecret":"hidden-2"}]""");
        var duplicate = Assert.Throws<InvalidOperationException>(() => ApiClients.FromFile(path));
        Assert.Contains("'a' appears more than once", duplicate.Message);
        Assert.DoesNotContain("hidden", duplicate.Message);

        File.WriteAllText(path, """[{"clientId":"a"}]""");
        Assert.Contains("clients[0].clientSecret", Assert.Throws<InvalidOperationException>(() => ApiClients.FromFile(path)).Message);

        File.WriteAllText(path, """[{"clientId":"a","clientSecret":"s","scopes":["admin"]}]""");
        Assert.Contains("'admin' is not one of", Assert.Throws<InvalidOperationException>(() => ApiClients.FromFile(path)).Message);

        File.WriteAllText(path, "{not json");
        Assert.Contains("malformed JSON", Assert.Throws<InvalidOperationException>(() => ApiClients.FromFile(path)).Message);
    }
}
