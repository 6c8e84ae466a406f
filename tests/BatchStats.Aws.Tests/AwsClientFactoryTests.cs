using Amazon.S3;
using BatchStats.Aws.Configuration;

namespace BatchStats.Aws.Tests;

public sealed class AwsClientFactoryTests
{
    [Fact]
    public void Service_specific_endpoint_beats_the_global_one_and_explicit_beats_both()
    {
        var env = new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = "http://global:1", ["AWS_ENDPOINT_URL_DYNAMODB"] = "http://ddb:2" };
        var factory = new AwsClientFactory(new AwsClientOptions(), k => env.GetValueOrDefault(k));

        Assert.Equal("http://ddb:2", factory.EndpointFor("DYNAMODB"));
        Assert.Equal("http://global:1", factory.EndpointFor("S3"));
        Assert.Null(new AwsClientFactory(new AwsClientOptions(), _ => null).EndpointFor("S3"));
        Assert.Equal("http://moto:3", new AwsClientFactory(new AwsClientOptions { ServiceUrl = "http://moto:3" }, k => env.GetValueOrDefault(k)).EndpointFor("SQS"));
    }

    [Fact]
    public void Endpoint_override_turns_on_path_style_S3_and_standard_retries()
    {
        var env = new Dictionary<string, string?> { ["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:5000", ["AWS_REGION"] = "eu-central-1" };
        using var local = (AmazonS3Client)new AwsClientFactory(new AwsClientOptions { Credentials = new Amazon.Runtime.BasicAWSCredentials("a", "b") }, k => env.GetValueOrDefault(k)).CreateS3();
        var config = (AmazonS3Config)local.Config;
        Assert.True(config.ForcePathStyle);
        Assert.Equal("http://127.0.0.1:5000/", config.ServiceURL);
        Assert.Equal("eu-central-1", config.AuthenticationRegion);
        Assert.Equal(Amazon.Runtime.RequestRetryMode.Standard, config.RetryMode);
        Assert.Equal(6, config.MaxErrorRetry);

        using var aws = (AmazonS3Client)new AwsClientFactory(new AwsClientOptions { Credentials = new Amazon.Runtime.BasicAWSCredentials("a", "b") }, k => k == "AWS_REGION" ? "eu-central-1" : null).CreateS3();
        Assert.False(((AmazonS3Config)aws.Config).ForcePathStyle);
        Assert.Equal(Amazon.RegionEndpoint.EUCentral1, aws.Config.RegionEndpoint);
    }

    [Fact]
    public void Settings_come_from_the_documented_variables_and_missing_ones_are_named()
    {
        var env = new Dictionary<string, string?> { ["BATCHSTATS_JOBS_TABLE"] = "jobs", ["BATCHSTATS_QUEUE_URL"] = "http://q", ["BATCHSTATS_INDEX_TABLE"] = "" };
        var settings = BatchStatsAwsSettings.FromEnvironment(k => env.GetValueOrDefault(k));

        Assert.Equal("jobs", settings.JobsTable);
        Assert.Equal("http://q", settings.QueueUrl);
        Assert.Null(settings.JintQueueUrl); // optional: Jint jobs then share the main queue
        Assert.Equal("http://j", BatchStatsAwsSettings.FromEnvironment(k => k == "BATCHSTATS_JINT_QUEUE_URL" ? "http://j" : null).JintQueueUrl);
        Assert.Null(settings.IndexTable);
        var ex = Assert.Throws<InvalidOperationException>(() => BatchStatsAwsSettings.Require(settings.IndexTable, BatchStatsAwsSettings.IndexTableVariable));
        Assert.Contains("BATCHSTATS_INDEX_TABLE", ex.Message, StringComparison.Ordinal);
    }
}
