using System.Net;
using BatchStats.Functions.Backends;
using BatchStats.Functions.Errors;
using BatchStats.Remote;

namespace BatchStats.Functions.Tests.SentinelHub;

public sealed class BackendSelectionTests
{
    private static FunctionServices Services(params (string Name, string Value)[] values) =>
        FunctionServices.FromEnvironment(name => values.FirstOrDefault(v => v.Name == name).Value);

    [Theory]
    [InlineData(null, BatchBackendKind.Local)]
    [InlineData("local", BatchBackendKind.Local)]
    [InlineData("SentinelHub", BatchBackendKind.SentinelHub)]
    public void Backend_variable_selects_the_backend(string? value, BatchBackendKind expected)
    {
        using var services = Services(("BATCHSTATS_BACKEND", value!), ("SENTINELHUB_CREDENTIALS_PARAMETER", "/p"));
        Assert.Equal(expected, services.BackendKind);
        Assert.Equal(expected == BatchBackendKind.SentinelHub, services.SentinelHub is not null);
    }

    [Fact]
    public void Unknown_backend_is_a_startup_error_naming_the_variable()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Services(("BATCHSTATS_BACKEND", "planet")));
        Assert.Contains("BATCHSTATS_BACKEND", e.Message, StringComparison.Ordinal);
        Assert.Contains("'planet'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sentinelhub_without_credentials_is_a_startup_error_naming_what_is_missing()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Services(("BATCHSTATS_BACKEND", "sentinelhub"), ("SENTINELHUB_CLIENT_ID", "id")));
        Assert.Contains("SENTINELHUB_CLIENT_SECRET", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(TransientError))]
    [InlineData(HttpStatusCode.ServiceUnavailable, typeof(TransientError))]
    [InlineData(HttpStatusCode.BadRequest, typeof(InvalidInputError))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(InvalidInputError))]
    [InlineData(HttpStatusCode.NotFound, typeof(InvalidInputError))]
    public void Hosted_api_errors_map_to_the_state_machine_error_names(HttpStatusCode status, Type expected)
    {
        var mapped = ErrorMapping.Map(new SentinelHubApiException(status, "X", "m"));
        Assert.IsType(expected, mapped);
    }

    [Fact]
    public void Credentials_never_print_their_secret()
    {
        var text = new SentinelHubCredentials("id-1", "very-SECRET-1").ToString();
        Assert.Contains("id-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("very-SECRET-1", text, StringComparison.Ordinal);
    }
}
