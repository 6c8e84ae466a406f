using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchStats.Aws.StepFunctions;

/// <summary>
/// A minimal Step Functions client over the AWS JSON 1.0 protocol with our own SigV4 signing (AWSSDK.StepFunctions is
/// not available). Endpoint: the explicit one, else <c>AWS_ENDPOINT_URL_SFN</c>, else <c>AWS_ENDPOINT_URL</c>, else
/// <c>https://states.&lt;region&gt;.amazonaws.com</c>.
/// </summary>
public sealed class StepFunctionsClient
{
    private const string Service = "states";
    private static readonly MediaTypeHeaderValue s_contentType = new("application/x-amz-json-1.0");

    private readonly HttpClient _http;
    private readonly Func<AwsSigningCredentials> _credentials;
    private readonly TimeProvider _time;

    public StepFunctionsClient(HttpClient http, Uri endpoint, string region, Func<AwsSigningCredentials> credentials, TimeProvider? time = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        ArgumentException.ThrowIfNullOrEmpty(region);
        Region = region;
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _time = time ?? TimeProvider.System;
    }

    public Uri Endpoint { get; }

    public string Region { get; }

    /// <summary>Endpoint and region from the environment, credentials from <c>AWS_ACCESS_KEY_ID</c>/… at each call.</summary>
    public static StepFunctionsClient FromEnvironment(HttpClient http, Func<string, string?>? getEnvironment = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        var region = new[] { getEnvironment("AWS_REGION"), getEnvironment("AWS_DEFAULT_REGION") }.FirstOrDefault(r => !string.IsNullOrEmpty(r)) ?? "us-east-1";
        var endpoint = new[] { getEnvironment("AWS_ENDPOINT_URL_SFN"), getEnvironment("AWS_ENDPOINT_URL") }.FirstOrDefault(e => !string.IsNullOrEmpty(e))
                       ?? $"https://states.{region}.amazonaws.com";
        return new StepFunctionsClient(http, new Uri(endpoint), region, () => AwsSigningCredentials.FromEnvironment(getEnvironment));
    }

    /// <summary>Starts an execution. <paramref name="name"/> makes it idempotent (1–80 chars; same name + input = same execution).</summary>
    public async Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, string name, string inputJson, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateMachineArn);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 80)
        {
            throw new ArgumentException($"Execution name must be at most 80 characters (got {name.Length}).", nameof(name));
        }

        var reply = await SendAsync("StartExecution", new JsonObject
        {
            ["stateMachineArn"] = stateMachineArn,
            ["name"] = name,
            ["input"] = inputJson ?? "{}",
        }, ct).ConfigureAwait(false);
        return new StartExecutionResult(RequiredString(reply, "executionArn"), ReadDate(reply["startDate"]));
    }

    public async Task<ExecutionDescription> DescribeExecutionAsync(string executionArn, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(executionArn);
        var reply = await SendAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn }, ct).ConfigureAwait(false);
        return new ExecutionDescription(
            RequiredString(reply, "executionArn"),
            RequiredString(reply, "status"),
            (string?)reply["input"],
            (string?)reply["output"],
            (string?)reply["error"],
            (string?)reply["cause"],
            ReadDate(reply["startDate"]),
            reply["stopDate"] is null ? null : ReadDate(reply["stopDate"]));
    }

    /// <summary>
    /// Any operation of the protocol (<c>X-Amz-Target: AWSStepFunctions.&lt;operation&gt;</c>), e.g. CreateStateMachine
    /// in tests. Throws <see cref="StepFunctionsException"/> with the error code on a non-2xx reply.
    /// </summary>
    public async Task<JsonObject> SendAsync(string operation, JsonObject body, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(body);
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint, "/"));
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = s_contentType;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions." + operation);
        SigV4Signer.Sign(request, bytes, _credentials(), Region, Service, _time.GetUtcNow().UtcDateTime);

        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        JsonObject? json = null;
        try
        {
            json = string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // Reported below with the raw text.
        }

        if (!response.IsSuccessStatusCode)
        {
            var type = (string?)json?["__type"] ?? (string?)json?["code"] ?? response.StatusCode.ToString();
            var code = type.Contains('#', StringComparison.Ordinal) ? type[(type.LastIndexOf('#') + 1)..] : type;
            var message = (string?)json?["message"] ?? (string?)json?["Message"] ?? text;
            throw new StepFunctionsException(code, $"Step Functions {operation} failed ({(int)response.StatusCode} {code}): {message}", (int)response.StatusCode);
        }

        return json ?? throw new StepFunctionsException("InvalidResponse", $"Step Functions {operation} returned a non-JSON body: {text}", (int)response.StatusCode);
    }

    private static string RequiredString(JsonObject reply, string name) =>
        (string?)reply[name] ?? throw new StepFunctionsException("InvalidResponse", $"Step Functions reply has no '{name}'.", 200);

    // The protocol sends timestamps as epoch seconds (number); tolerate ISO strings from emulators.
    private static DateTimeOffset ReadDate(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out double seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)),
        JsonValue v when v.TryGetValue(out string? s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        _ => DateTimeOffset.MinValue,
    };
}

public sealed record StartExecutionResult(string ExecutionArn, DateTimeOffset StartDate);

/// <summary>Status is RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.</summary>
public sealed record ExecutionDescription(
    string ExecutionArn, string Status, string? Input, string? Output, string? Error, string? Cause, DateTimeOffset StartDate, DateTimeOffset? StopDate);

/// <summary>A Step Functions error reply; <see cref="ErrorCode"/> is the part of <c>__type</c> after '#'.</summary>
public sealed class StepFunctionsException(string errorCode, string message, int statusCode) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    public int StatusCode { get; } = statusCode;
}
