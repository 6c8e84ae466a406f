using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using BatchStats.Aws.Configuration;
using BatchStats.Aws.DynamoDb;
using BatchStats.Aws.StepFunctions;
using BatchStats.Functions;
using BatchStats.InvokeHost;
using BatchStats.TestSupport;

namespace BatchStats.Integration.Tests.Emulator;

/// <summary>
/// The deployed stack, locally: moto holds the buckets, tables and queues the SAM template declares, the REAL state
/// machine definition (DefinitionSubstitutions → Lambda ARNs the Invoke host resolves) and the imagery (the
/// s2-slovenia COGs uploaded to a bucket, referenced as s3:// hrefs from a rewritten copy of the static STAC catalog,
/// so the workers read pixels through S3ByteSource). The Invoke host serves the four handlers, configured purely by
/// environment variables as on Lambda.
/// </summary>
public sealed class ServerlessStack : IAsyncLifetime
{
    public const string InputBucket = "batchstats-in";
    public const string ResultsBucket = "batchstats-results";
    public const string ImageryBucket = "batchstats-imagery";
    public const string JobsTable = "batchstats-jobs";
    public const string IndexTable = "batchstats-index";
    public const string TemplateKey = "templates/request.json";
    public const int PollWaitSeconds = 1;

    public static readonly string[] FunctionNames = ["CreateRequestFunction", "GetStatusFunction", "WorkerFunction", "ExportFunction"];

    private readonly TempDirectory _temp = new();
    private MotoProcess? _moto;
    private FunctionServices? _services;

    /// <summary>Why the stack could not start (moto/data missing), or null.</summary>
    public Exception? Unavailable { get; private set; }

    public LambdaInvokeHost Host { get; private set; } = null!;

    public AwsClientFactory Clients { get; private set; } = null!;

    public IAmazonS3 S3 { get; private set; } = null!;

    public IAmazonDynamoDB Dynamo { get; private set; } = null!;

    public IAmazonSQS Sqs { get; private set; } = null!;

    public StepFunctionsClient StepFunctions { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(15) };

    public string WorkQueueUrl { get; private set; } = "";

    /// <summary>The template's JintWorkQueue: chunks of jobs whose evalscript runs in Jint.</summary>
    public string JintWorkQueueUrl { get; private set; } = "";

    public string UploadsQueueUrl { get; private set; } = "";

    public string StateMachineArn { get; private set; } = "";

    public string MotoTail => _moto?.Tail() ?? "";

    public void Require()
    {
        if (Unavailable is not null)
        {
            throw Unavailable;
        }
    }

    public async Task InitializeAsync()
    {
        var python = MotoProcess.FindPython();
        if (python is null)
        {
            Unavailable = MotoProcess.Unavailable("pyenv Python 3.11.7 with moto not found");
            return;
        }

        string fields;
        try
        {
            fields = SharedData.Data("s2-slovenia/catalog.json");
        }
        catch (Exception e)
        {
            Unavailable = e;
            return;
        }

        var motoPort = MotoProcess.FreePort();
        var motoUrl = $"http://127.0.0.1:{motoPort}";
        var catalog = WriteS3Catalog(Path.GetDirectoryName(fields)!);
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = motoUrl,
            ["AWS_REGION"] = "us-east-1",
            [BatchStatsAwsSettings.JobsTableVariable] = JobsTable,
            [BatchStatsAwsSettings.IndexTableVariable] = IndexTable,
            [BatchStatsAwsSettings.InputBucketVariable] = InputBucket,
            [BatchStatsAwsSettings.ResultsBucketVariable] = ResultsBucket,
            ["BATCHSTATS_ANALYTICS_PREFIX"] = $"s3://{ResultsBucket}/athena/statistics/",
            [BatchStatsAwsSettings.RequestTemplateVariable] = $"s3://{InputBucket}/{TemplateKey}",
            [FunctionServices.StacCatalogVariable] = catalog,
            [FunctionServices.PollWaitSecondsVariable] = PollWaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var credentials = new AwsClientOptions { Credentials = new BasicAWSCredentials("test", "test") };
        Clients = new AwsClientFactory(credentials, k => environment.GetValueOrDefault(k));
        S3 = Clients.CreateS3();
        Dynamo = Clients.CreateDynamoDb();
        Sqs = Clients.CreateSqs();

        // moto needs the host's port and the services need moto's queue URL: the host resolves its handlers on first call.
        var handlers = new Lazy<Dictionary<string, Func<Stream, Task<Stream>>>>(() => LambdaInvokeHost.BatchStatsFunctions(_services!));
        Host = await LambdaInvokeHost.StartAsync(FunctionNames.ToDictionary(n => n, n => (Func<Stream, Task<Stream>>)(s => handlers.Value[n](s))));
        _moto = await MotoProcess.StartAsync(python, motoPort, Host.Endpoint.Port);
        StepFunctions = new StepFunctionsClient(Http, _moto.Endpoint, "us-east-1", () => new AwsSigningCredentials("test", "test"));

        await CreateResourcesAsync();
        environment[BatchStatsAwsSettings.QueueUrlVariable] = WorkQueueUrl;
        environment[BatchStatsAwsSettings.JintQueueUrlVariable] = JintWorkQueueUrl;
        _services = FunctionServices.FromEnvironment(k => environment.GetValueOrDefault(k), credentials);
        await UploadImageryAsync(Path.GetDirectoryName(fields)!);
        await S3.PutObjectAsync(new PutObjectRequest { BucketName = InputBucket, Key = TemplateKey, ContentBody = RequestTemplateJson });
        StateMachineArn = await CreateStateMachineAsync();
    }

    /// <summary>
    /// The request every upload is combined with: NDVI over cloud-free pixels (CLM), one interval per day over the five
    /// acquisitions, 10 m. No input/output: the CreateRequest function fills in the upload and the results bucket.
    /// </summary>
    public const string RequestTemplateJson = """
        {
          "input": {"data": [{"type": "sentinel-2-l1c", "dataFilter": {"maxCloudCoverage": 100}}]},
          "aggregation": {
            "evalscript": "//VERSION=3\nfunction setup() {\n  return {\n    input: [{ bands: [\"B04\", \"B08\", \"CLM\", \"dataMask\"] }],\n    output: [\n      { id: \"ndvi\", bands: 1, sampleType: \"FLOAT32\" },\n      { id: \"dataMask\", bands: 1 }\n    ]\n  };\n}\nfunction evaluatePixel(samples) {\n  const clear = samples.CLM === 1 ? 0 : 1;\n  return { ndvi: [index(samples.B08, samples.B04)], dataMask: [samples.dataMask * clear] };\n}\n",
            "timeRange": {"from": "2015-07-01T00:00:00Z", "to": "2015-09-30T00:00:00Z"},
            "aggregationInterval": {"of": "P1D"},
            "resx": 10, "resy": 10
          },
          "calculations": {"ndvi": {"statistics": {"default": {"percentiles": {"k": [50]}}}}}
        }
        """;

    private async Task<string> CreateWorkQueueAsync(string name)
    {
        var dlq = await Sqs.CreateQueueAsync(name + "-dlq");
        var dlqArn = (await Sqs.GetQueueAttributesAsync(dlq.QueueUrl, ["QueueArn"])).QueueARN;
        return (await Sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new Dictionary<string, string>
            {
                ["VisibilityTimeout"] = "30",
                ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":\"3\"}}",
            },
        })).QueueUrl;
    }

    private async Task CreateResourcesAsync()
    {
        foreach (var bucket in new[] { InputBucket, ResultsBucket, ImageryBucket })
        {
            await S3.PutBucketAsync(bucket);
        }

        await Dynamo.CreateTableAsync(DynamoDbJobStore.TableDefinition(JobsTable));
        await Dynamo.CreateTableAsync(DynamoDbStatisticsIndex.TableDefinition(IndexTable));

        // Work queues + DLQs as in the template (maxReceiveCount 3; visibility shortened so a failed chunk returns quickly).
        WorkQueueUrl = await CreateWorkQueueAsync("batchstats-work");
        JintWorkQueueUrl = await CreateWorkQueueAsync("batchstats-jint-work");

        // The upload event: AWS routes S3 → EventBridge → state machine; moto delivers S3 → SQS, which the test reads.
        UploadsQueueUrl = (await Sqs.CreateQueueAsync("batchstats-uploads")).QueueUrl;
        var uploadsArn = (await Sqs.GetQueueAttributesAsync(UploadsQueueUrl, ["QueueArn"])).QueueARN;
        await S3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = InputBucket,
            QueueConfigurations =
            [
                new QueueConfiguration
                {
                    Queue = uploadsArn,
                    Events = [EventType.ObjectCreatedAll],
                    Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("suffix", ".gpkg")] } },
                },
            ],
        });
    }

    private async Task<string> CreateStateMachineAsync()
    {
        var text = await File.ReadAllTextAsync(RepoPaths.Get("infra/statemachine/batchstats.asl.json"));
        var definition = System.Text.RegularExpressions.Regex.Replace(text, @"\$\{(\w+)Arn\}",
            m => $"arn:aws:lambda:us-east-1:123456789012:function:{m.Groups[1].Value}");
        var created = await StepFunctions.SendAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "batchstats-job",
            ["definition"] = definition,
            ["roleArn"] = "arn:aws:iam::123456789012:role/batchstats-sfn",
        });
        return (string)created["stateMachineArn"]!;
    }

    /// <summary>Copies the static catalog to a temp folder with every asset href turned into s3://imagery/s2-slovenia/….</summary>
    private string WriteS3Catalog(string dataRoot)
    {
        var target = Path.Combine(_temp.Path, "stac");
        foreach (var file in Directory.EnumerateFiles(dataRoot, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(dataRoot, file);
            if (relative.StartsWith("timeseries", StringComparison.Ordinal) || relative == "manifest.json")
            {
                continue;
            }

            var json = JsonNode.Parse(File.ReadAllText(file))!;
            if (json["assets"] is JsonObject assets)
            {
                foreach (var (_, asset) in assets)
                {
                    if (asset?["href"] is JsonValue href && !((string)href!).Contains("://", StringComparison.Ordinal))
                    {
                        var absolute = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, (string)href!));
                        asset["href"] = $"s3://{ImageryBucket}/s2-slovenia/{Path.GetRelativePath(dataRoot, absolute).Replace('\\', '/')}";
                    }
                }
            }

            var path = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, json.ToJsonString());
        }

        return Path.Combine(target, "catalog.json");
    }

    private async Task UploadImageryAsync(string dataRoot)
    {
        var cogs = Directory.EnumerateFiles(Path.Combine(dataRoot, "cogs"), "*.tif", SearchOption.AllDirectories).ToList();
        await Parallel.ForEachAsync(cogs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (cog, ct) =>
            await S3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = ImageryBucket,
                Key = "s2-slovenia/" + Path.GetRelativePath(dataRoot, cog).Replace('\\', '/'),
                FilePath = cog,
            }, ct));
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        _moto?.Dispose();
        _services?.Dispose();
        S3?.Dispose();
        Dynamo?.Dispose();
        Sqs?.Dispose();
        Http.Dispose();
        _temp.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ServerlessStackCollection : ICollectionFixture<ServerlessStack>
{
    public const string Name = "serverless stack";
}
