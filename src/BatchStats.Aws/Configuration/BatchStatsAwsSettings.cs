namespace BatchStats.Aws.Configuration;

/// <summary>
/// Names of the deployed resources, read from the environment the SAM template sets on every function.
/// </summary>
public sealed record BatchStatsAwsSettings
{
    public const string JobsTableVariable = "BATCHSTATS_JOBS_TABLE";
    public const string IndexTableVariable = "BATCHSTATS_INDEX_TABLE";
    public const string QueueUrlVariable = "BATCHSTATS_QUEUE_URL";
    public const string JintQueueUrlVariable = "BATCHSTATS_JINT_QUEUE_URL";
    public const string InputBucketVariable = "BATCHSTATS_INPUT_BUCKET";
    public const string ResultsBucketVariable = "BATCHSTATS_RESULTS_BUCKET";
    public const string RequestTemplateVariable = "BATCHSTATS_REQUEST_TEMPLATE";
    public const string StateMachineArnVariable = "BATCHSTATS_STATE_MACHINE_ARN";

    public string? JobsTable { get; init; }
    public string? IndexTable { get; init; }
    public string? QueueUrl { get; init; }

    /// <summary>Optional queue for chunks of jobs whose evalscript runs in Jint (a worker with dynamic PGO on); unset = <see cref="QueueUrl"/>.</summary>
    public string? JintQueueUrl { get; init; }
    public string? InputBucket { get; init; }
    public string? ResultsBucket { get; init; }

    /// <summary>The request template object (<c>s3://bucket/key</c>) that uploads are combined with.</summary>
    public string? RequestTemplate { get; init; }

    public string? StateMachineArn { get; init; }

    public static BatchStatsAwsSettings FromEnvironment(Func<string, string?>? getEnvironment = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        return new BatchStatsAwsSettings
        {
            JobsTable = NullIfEmpty(getEnvironment(JobsTableVariable)),
            IndexTable = NullIfEmpty(getEnvironment(IndexTableVariable)),
            QueueUrl = NullIfEmpty(getEnvironment(QueueUrlVariable)),
            JintQueueUrl = NullIfEmpty(getEnvironment(JintQueueUrlVariable)),
            InputBucket = NullIfEmpty(getEnvironment(InputBucketVariable)),
            ResultsBucket = NullIfEmpty(getEnvironment(ResultsBucketVariable)),
            RequestTemplate = NullIfEmpty(getEnvironment(RequestTemplateVariable)),
            StateMachineArn = NullIfEmpty(getEnvironment(StateMachineArnVariable)),
        };
    }

    /// <summary>The value, or an exception naming the missing environment variable.</summary>
    public static string Require(string? value, string variable) =>
        string.IsNullOrEmpty(value)
            ? throw new InvalidOperationException($"Environment variable {variable} is not set; the SAM template sets it on every function.")
            : value;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
