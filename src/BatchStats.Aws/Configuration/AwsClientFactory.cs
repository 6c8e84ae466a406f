using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using Amazon.SQS;

namespace BatchStats.Aws.Configuration;

/// <summary>
/// Builds AWS SDK clients with one retry policy and the endpoint overrides of the SDK convention
/// (<c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, then <c>AWS_ENDPOINT_URL</c>). An explicit endpoint (tests, emulators)
/// also switches S3 to path-style addressing, which no emulator can do without.
/// </summary>
public sealed class AwsClientFactory
{
    private readonly AwsClientOptions _options;
    private readonly Func<string, string?> _getEnvironment;

    public AwsClientFactory(AwsClientOptions? options = null)
        : this(options ?? new AwsClientOptions(), Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>For tests: reads "environment variables" from <paramref name="getEnvironment"/>.</summary>
    public AwsClientFactory(AwsClientOptions options, Func<string, string?> getEnvironment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(getEnvironment);
        _options = options;
        _getEnvironment = getEnvironment;
    }

    /// <summary>
    /// The endpoint for a service id as used in the environment variable names (<c>S3</c>, <c>DYNAMODB</c>, <c>SQS</c>,
    /// <c>SFN</c>, <c>SSM</c>): the explicit option first, then <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c>, then <c>AWS_ENDPOINT_URL</c>.
    /// Null means the public AWS endpoint of the region.
    /// </summary>
    public string? EndpointFor(string serviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        if (!string.IsNullOrEmpty(_options.ServiceUrl))
        {
            return _options.ServiceUrl;
        }

        var specific = _getEnvironment($"AWS_ENDPOINT_URL_{serviceId.ToUpperInvariant()}");
        if (!string.IsNullOrEmpty(specific))
        {
            return specific;
        }

        var global = _getEnvironment("AWS_ENDPOINT_URL");
        return string.IsNullOrEmpty(global) ? null : global;
    }

    /// <summary>The region: the option, then <c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c>, then us-east-1.</summary>
    public string Region =>
        FirstNonEmpty(_options.Region, _getEnvironment("AWS_REGION"), _getEnvironment("AWS_DEFAULT_REGION")) ?? "us-east-1";

    public IAmazonS3 CreateS3()
    {
        var endpoint = EndpointFor("S3");
        var config = Configure(new AmazonS3Config(), endpoint);
        config.ForcePathStyle = endpoint is not null;
        return _options.Credentials is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
    }

    public IAmazonDynamoDB CreateDynamoDb()
    {
        var config = Configure(new AmazonDynamoDBConfig(), EndpointFor("DYNAMODB"));
        return _options.Credentials is { } credentials ? new AmazonDynamoDBClient(credentials, config) : new AmazonDynamoDBClient(config);
    }

    public IAmazonSQS CreateSqs()
    {
        var config = Configure(new AmazonSQSConfig(), EndpointFor("SQS"));
        return _options.Credentials is { } credentials ? new AmazonSQSClient(credentials, config) : new AmazonSQSClient(config);
    }

    public IAmazonSimpleSystemsManagement CreateSsm()
    {
        var config = Configure(new AmazonSimpleSystemsManagementConfig(), EndpointFor("SSM"));
        return _options.Credentials is { } credentials
            ? new AmazonSimpleSystemsManagementClient(credentials, config)
            : new AmazonSimpleSystemsManagementClient(config);
    }

    private T Configure<T>(T config, string? endpoint)
        where T : ClientConfig
    {
        // Standard mode: exponential backoff with full jitter on throttling, 5xx and transient network errors.
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = _options.MaxErrorRetry;
        config.Timeout = _options.Timeout;
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }

        return config;
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v));
}
