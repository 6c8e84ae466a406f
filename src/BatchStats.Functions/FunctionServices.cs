using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using BatchStats.Aws.Configuration;
using BatchStats.Aws.DynamoDb;
using BatchStats.Aws.S3;
using BatchStats.Aws.SentinelHub;
using BatchStats.Aws.Sqs;
using BatchStats.Engine.Features;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;
using BatchStats.Export;
using BatchStats.Export.Index;
using BatchStats.Functions.Backends;
using BatchStats.Functions.Services;
using BatchStats.Imagery.Mosaic;
using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Stac;
using BatchStats.Remote;

namespace BatchStats.Functions;

/// <summary>
/// The composition root of the Lambda functions: S3/DynamoDB/SQS-backed engine and export services built from the
/// environment the SAM template sets. One instance per process (<see cref="Default"/>) so warm invocations reuse
/// clients, compiled evalscripts, downloaded GeoPackages and the COG tile cache. Everything is created on first use,
/// so a function only builds what it needs.
/// </summary>
public sealed class FunctionServices : IDisposable
{
    /// <summary>STAC catalog for the workers: a static catalog path/URL, a STAC API root; empty = Earth Search v1.</summary>
    public const string StacCatalogVariable = "BATCHSTATS_STAC_CATALOG";

    /// <summary>Seconds the state machine should wait between polls (returned by CreateRequest/GetStatus); default 30.</summary>
    public const string PollWaitSecondsVariable = "BATCHSTATS_POLL_WAIT_SECONDS";

    /// <summary>The queue's maxReceiveCount: on the last delivery a crashing chunk writes error documents instead of going to the DLQ.</summary>
    public const string MaxDeliveriesVariable = "BATCHSTATS_MAX_DELIVERIES";

    private static readonly Lazy<FunctionServices> s_default = new(() => FromEnvironment());

    private readonly Lazy<IAmazonS3> _s3;
    private readonly Lazy<IAmazonDynamoDB> _dynamo;
    private readonly Lazy<IAmazonSQS> _sqs;
    private readonly Lazy<IObjectStore> _objects;
    private readonly Lazy<IWorkQueue> _queue;
    private readonly Lazy<IWorkQueue?> _jintQueue;
    private readonly Lazy<IJobStore> _jobStore;
    private readonly Lazy<IBatchBackend> _backend;
    private readonly Lazy<FeatureFileCache> _files;
    private readonly Lazy<BatchJobService> _jobs;
    private readonly Lazy<UploadIntake> _intake;
    private readonly Lazy<ChunkWorker> _worker;
    private readonly Lazy<CogImageProvider> _images;
    private readonly Lazy<S3JobExporter> _exporter;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly HttpClient _sentinelHubHttp;

    private FunctionServices(AwsClientFactory clients, Func<string, string?> getEnvironment, FunctionServiceOverrides overrides)
    {
        Settings = BatchStatsAwsSettings.FromEnvironment(getEnvironment);
        // Checked at startup, so a misconfigured deployment fails on its first invocation with the variable named.
        BackendKind = BatchBackendKinds.Parse(getEnvironment(BatchBackendKinds.Variable));
        SentinelHub = BackendKind == BatchBackendKind.SentinelHub ? SentinelHubSettings.FromEnvironment(getEnvironment) : null;
        _sentinelHubHttp = overrides.SentinelHubHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(60) }
            : new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        PollWaitSeconds = ReadInt(getEnvironment, PollWaitSecondsVariable, 30, 0);
        var maxDeliveries = ReadInt(getEnvironment, MaxDeliveriesVariable, 3, 1);
        var stac = getEnvironment(StacCatalogVariable);

        _s3 = new(clients.CreateS3);
        _dynamo = new(clients.CreateDynamoDb);
        _sqs = new(clients.CreateSqs);
        _objects = new(() => overrides.Objects ?? new S3ObjectStore(_s3.Value));
        _jobStore = new(() => overrides.JobStore ??
            new DynamoDbJobStore(_dynamo.Value, BatchStatsAwsSettings.Require(Settings.JobsTable, BatchStatsAwsSettings.JobsTableVariable)));
        _queue = new(() => new SqsWorkQueue(_sqs.Value,
            BatchStatsAwsSettings.Require(Settings.QueueUrl, BatchStatsAwsSettings.QueueUrlVariable)));
        _jintQueue = new(() => Settings.JintQueueUrl is { } jintQueueUrl ? new SqsWorkQueue(_sqs.Value, jintQueueUrl) : null);
        _files = new(() => new FeatureFileCache(_objects.Value));
        _jobs = new(() =>
        {
            var store = _jobStore.Value;
            var scheduler = new QueueJobScheduler(_queue.Value, new JobStateRepository(store), _jintQueue.Value);
            var service = new BatchJobService(store, new JobAnalyzer(_objects.Value, _files.Value), scheduler);
            scheduler.Bind(service);
            return service;
        });
        _intake = new(() => new UploadIntake(_jobs.Value, NewRequestTemplate()));
        _backend = new(() => SentinelHub is { } sentinelHub
            ? NewSentinelHubBackend(sentinelHub, clients, getEnvironment, overrides)
            : new LocalBatchBackend(_jobs.Value, _intake.Value));
        _images = new(() => new CogImageProvider(new CompositeByteSourceFactory(new S3ByteSourceFactory(_s3.Value), new FileAndHttpByteSourceFactory(_http))));
        _worker = new(() => new ChunkWorker(_jobs.Value.Jobs, _objects.Value,
            new FeatureProcessor(_objects.Value, _files.Value, StacCatalogs.Open(stac, _http), _images.Value),
            new JobRunnerOptions { MaxDeliveries = maxDeliveries }));
        _exporter = new(() => new S3JobExporter(_backend.Value, _objects.Value, new ExportService(overrides.Index ?? new DynamoDbStatisticsIndex(_dynamo.Value,
            BatchStatsAwsSettings.Require(Settings.IndexTable, BatchStatsAwsSettings.IndexTableVariable))),
            analyticsPrefix: getEnvironment(S3JobExporter.AnalyticsPrefixVariable)));
    }

    /// <summary>The process-wide instance the parameterless handler constructors use.</summary>
    public static FunctionServices Default => s_default.Value;

    /// <summary>Services configured from <paramref name="getEnvironment"/> (default: the process environment).</summary>
    public static FunctionServices FromEnvironment(Func<string, string?>? getEnvironment = null, AwsClientOptions? clientOptions = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        return new FunctionServices(new AwsClientFactory(clientOptions ?? new AwsClientOptions(), getEnvironment), getEnvironment, new FunctionServiceOverrides());
    }

    /// <summary>For tests: services whose stores (and the hosted API's HTTP handler) are replaced by <paramref name="overrides"/>.</summary>
    internal static FunctionServices FromEnvironment(Func<string, string?> getEnvironment, FunctionServiceOverrides overrides) =>
        new(new AwsClientFactory(new AwsClientOptions(), getEnvironment), getEnvironment, overrides);

    public BatchStatsAwsSettings Settings { get; }

    /// <summary>Who runs the requests (<c>BATCHSTATS_BACKEND</c>).</summary>
    public BatchBackendKind BackendKind { get; }

    /// <summary>The hosted API's settings when <see cref="BackendKind"/> is <see cref="BatchBackendKind.SentinelHub"/>.</summary>
    public SentinelHubSettings? SentinelHub { get; }

    /// <summary>The configured backend: CreateRequest, GetStatus and Export go through it.</summary>
    public IBatchBackend Backend => _backend.Value;

    public int PollWaitSeconds { get; }

    public IAmazonS3 S3 => _s3.Value;

    public IObjectStore Objects => _objects.Value;

    public BatchJobService Jobs => _jobs.Value;

    public UploadIntake Intake => _intake.Value;

    public ChunkWorker Worker => _worker.Value;

    public S3JobExporter Exporter => _exporter.Value;

    public void Dispose()
    {
        if (_files.IsValueCreated)
        {
            _files.Value.Dispose();
        }

        if (_images.IsValueCreated)
        {
            _images.Value.Dispose();
        }

        _http.Dispose();
        _sentinelHubHttp.Dispose();
        foreach (var client in new IDisposable?[]
                 {
                     _s3.IsValueCreated ? _s3.Value : null, _dynamo.IsValueCreated ? _dynamo.Value : null, _sqs.IsValueCreated ? _sqs.Value : null,
                 })
        {
            client?.Dispose();
        }
    }

    private RequestTemplate NewRequestTemplate() => new(_objects.Value,
        BatchStatsAwsSettings.Require(Settings.RequestTemplate, BatchStatsAwsSettings.RequestTemplateVariable),
        Settings.ResultsBucket is { } results ? $"s3://{results}/" : null);

    private SentinelHubBackend NewSentinelHubBackend(SentinelHubSettings settings, AwsClientFactory clients, Func<string, string?> getEnvironment,
        FunctionServiceOverrides overrides)
    {
        var credentials = new SentinelHubCredentialsProvider(settings, getEnvironment, clients.CreateSsm);
        var client = new CachedAsync<SentinelHubBatchClient>(async ct =>
        {
            // Fetched once per warm container; a failed fetch (SSM throttling) is retried on the next invocation.
            var secret = await credentials.GetAsync(ct).ConfigureAwait(false);
            return new SentinelHubBatchClient(_sentinelHubHttp, new SentinelHubClientOptions
            {
                BaseUrl = settings.BaseUrl,
                TokenUrl = settings.TokenUrl,
                ClientId = secret.ClientId,
                ClientSecret = secret.ClientSecret,
                RetryBaseDelay = overrides.SentinelHubRetryBaseDelay ?? TimeSpan.FromSeconds(1),
            });
        });
        return new SentinelHubBackend(client.GetAsync, NewRequestTemplate(), new RemoteRequestLinks(_jobStore.Value));
    }

    private static int ReadInt(Func<string, string?> getEnvironment, string variable, int fallback, int min)
    {
        var text = getEnvironment(variable);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new InvalidOperationException($"Environment variable {variable}: '{text}' is not an integer ≥ {min}.");
    }
}
