using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using BatchStats.Aws.Configuration;
using BatchStats.Aws.DynamoDb;
using BatchStats.Aws.S3;
using BatchStats.Aws.Sqs;
using BatchStats.Engine.Features;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;
using BatchStats.Export;
using BatchStats.Functions.Services;
using BatchStats.Imagery.Mosaic;
using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Stac;

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
    private readonly Lazy<FeatureFileCache> _files;
    private readonly Lazy<BatchJobService> _jobs;
    private readonly Lazy<UploadIntake> _intake;
    private readonly Lazy<ChunkWorker> _worker;
    private readonly Lazy<CogImageProvider> _images;
    private readonly Lazy<S3JobExporter> _exporter;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private FunctionServices(AwsClientFactory clients, Func<string, string?> getEnvironment)
    {
        Settings = BatchStatsAwsSettings.FromEnvironment(getEnvironment);
        PollWaitSeconds = ReadInt(getEnvironment, PollWaitSecondsVariable, 30, 0);
        var maxDeliveries = ReadInt(getEnvironment, MaxDeliveriesVariable, 3, 1);
        var stac = getEnvironment(StacCatalogVariable);

        _s3 = new(clients.CreateS3);
        _dynamo = new(clients.CreateDynamoDb);
        _sqs = new(clients.CreateSqs);
        _objects = new(() => new S3ObjectStore(_s3.Value));
        _queue = new(() => new SqsWorkQueue(_sqs.Value,
            BatchStatsAwsSettings.Require(Settings.QueueUrl, BatchStatsAwsSettings.QueueUrlVariable)));
        _files = new(() => new FeatureFileCache(_objects.Value));
        _jobs = new(() =>
        {
            var store = new DynamoDbJobStore(_dynamo.Value, BatchStatsAwsSettings.Require(Settings.JobsTable, BatchStatsAwsSettings.JobsTableVariable));
            var scheduler = new QueueJobScheduler(_queue.Value, new JobStateRepository(store));
            var service = new BatchJobService(store, new JobAnalyzer(_objects.Value, _files.Value), scheduler);
            scheduler.Bind(service);
            return service;
        });
        _intake = new(() => new UploadIntake(_jobs.Value, new RequestTemplate(_objects.Value,
            BatchStatsAwsSettings.Require(Settings.RequestTemplate, BatchStatsAwsSettings.RequestTemplateVariable),
            Settings.ResultsBucket is { } results ? $"s3://{results}/" : null)));
        _images = new(() => new CogImageProvider(new CompositeByteSourceFactory(new S3ByteSourceFactory(_s3.Value), new FileAndHttpByteSourceFactory(_http))));
        _worker = new(() => new ChunkWorker(_jobs.Value.Jobs, _objects.Value,
            new FeatureProcessor(_objects.Value, _files.Value, StacCatalogs.Open(stac, _http), _images.Value),
            new JobRunnerOptions { MaxDeliveries = maxDeliveries }));
        _exporter = new(() => new S3JobExporter(_jobs.Value.Jobs, _objects.Value, new ExportService(new DynamoDbStatisticsIndex(_dynamo.Value,
            BatchStatsAwsSettings.Require(Settings.IndexTable, BatchStatsAwsSettings.IndexTableVariable))),
            analyticsPrefix: getEnvironment(S3JobExporter.AnalyticsPrefixVariable)));
    }

    /// <summary>The process-wide instance the parameterless handler constructors use.</summary>
    public static FunctionServices Default => s_default.Value;

    /// <summary>Services configured from <paramref name="getEnvironment"/> (default: the process environment).</summary>
    public static FunctionServices FromEnvironment(Func<string, string?>? getEnvironment = null, AwsClientOptions? clientOptions = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        return new FunctionServices(new AwsClientFactory(clientOptions ?? new AwsClientOptions(), getEnvironment), getEnvironment);
    }

    public BatchStatsAwsSettings Settings { get; }

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
        foreach (var client in new IDisposable?[]
                 {
                     _s3.IsValueCreated ? _s3.Value : null, _dynamo.IsValueCreated ? _dynamo.Value : null, _sqs.IsValueCreated ? _sqs.Value : null,
                 })
        {
            client?.Dispose();
        }
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
