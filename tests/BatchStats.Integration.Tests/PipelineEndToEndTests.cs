using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using BatchStats.Aws.DynamoDb;
using BatchStats.Aws.StepFunctions;
using BatchStats.Functions.Events;
using BatchStats.Integration.Tests.Emulator;
using BatchStats.TestSupport;
using DuckDB.NET.Data;
using Xunit.Abstractions;

namespace BatchStats.Integration.Tests;

/// <summary>
/// The whole serverless pipeline on emulators: moto (S3, DynamoDB, SQS, Step Functions running the real ASL) and the
/// local Lambda Invoke host serving the real handlers; a test loop plays Lambda's SQS event source mapping.
/// </summary>
[Collection(ServerlessStackCollection.Name)]
public sealed class PipelineEndToEndTests(ServerlessStack stack, ITestOutputHelper log)
{
    private static readonly TimeSpan s_executionTimeout = TimeSpan.FromMinutes(10);

    [SkippableFact]
    public async Task Uploaded_geopackage_runs_the_real_state_machine_to_DONE_then_parquet_csv_and_index()
    {
        stack.Require();
        var gpkg = SharedData.Data("s2-slovenia/fields.gpkg");
        var clock = Stopwatch.StartNew();
        await using var pump = new WorkerPump(stack.Sqs, stack.WorkQueueUrl, stack.Http, stack.Host.Endpoint);
        pump.Start(concurrency: 2);

        // Upload; moto emits the S3 notification (URL-encoded key, '/' included) that the handler must decode.
        const string key = "uploads/slovenia fields.gpkg";
        await stack.S3.PutObjectAsync(new PutObjectRequest { BucketName = ServerlessStack.InputBucket, Key = key, FilePath = gpkg });
        var s3Event = await ReceiveUploadEventAsync();
        Assert.Contains("uploads%2Fslovenia", s3Event, StringComparison.Ordinal);
        var upload = UploadEvents.Extract(JsonSerializer.Deserialize(s3Event, FunctionsJsonContext.Default.UploadEvent)!).Single();
        Assert.Equal(key, upload.Key);

        // The EventBridge rule's InputTransformer output starts the real state machine.
        var execution = await RunExecutionAsync(upload.Bucket, upload.Key);
        Assert.True(execution.Status == "SUCCEEDED", $"execution {execution.Status}: {execution.Error} {execution.Cause}\nmoto: {stack.MotoTail}");
        var final = JsonNode.Parse(execution.Output!)!;
        var requestId = (string)final["job"]!["requestId"]!;
        Assert.Equal("DONE", (string?)final["job"]!["status"]);
        Assert.Equal(100, (int)final["job"]!["completionPercentage"]!);

        // The state machine went round the Wait loop: pollCount is GetStatus's own counter (one per call).
        var polls = (int)final["job"]!["pollCount"]!;
        Assert.True(polls >= 2, $"GetStatus ran {polls} time(s); at least one Wait loop expected");

        // The id derives from bucket+key+ETag: the event's ETag (direct) and HeadObject's (state machine) agree.
        Assert.Equal(upload.RequestId(), requestId);

        // A re-delivered S3 event finds the same job (conditional create) and starts nothing new.
        var again = JsonNode.Parse(await InvokeAsync("CreateRequestFunction", s3Event))!;
        Assert.Equal(requestId, (string?)again["requestId"]);
        Assert.True((bool)again["existing"]!);
        Assert.Equal("DONE", (string?)again["status"]);

        // One result file per field.
        var results = await ListAsync(ServerlessStack.ResultsBucket, requestId + "/");
        var featureFiles = results.Where(k => IsFeatureFile(k, requestId)).ToList();
        Assert.Equal(67, featureFiles.Count);

        // Expected rows, computed independently from the JSON files: (id, ndvi mean) of every emitted interval of OK features.
        var expected = new List<(long Id, double Mean)>();
        var identifiers = new Dictionary<long, string>();
        foreach (var file in featureFiles)
        {
            var doc = JsonNode.Parse(await GetTextAsync(ServerlessStack.ResultsBucket, file))!;
            var id = (long)doc["id"]!;
            identifiers[id] = (string?)doc["identifier"] ?? id.ToString(CultureInfo.InvariantCulture);
            if ((string?)doc["response"]?["status"] != "OK")
            {
                continue;
            }

            foreach (var interval in doc["response"]!["data"]!.AsArray())
            {
                // Spec §12 rules 2-3: only entries with outputs; a band whose every sample is noData gives no row.
                if (interval?["outputs"]?["ndvi"]?["bands"]?["B0"]?["stats"] is JsonObject stats &&
                    (long)stats["sampleCount"]! != (long)stats["noDataCount"]!)
                {
                    expected.Add((id, ToDouble(stats["mean"]!)));
                }
            }
        }

        Assert.Equal(67, identifiers.Count);
        Assert.NotEmpty(expected);

        // Export: Parquet + CSV + failures under <prefix>/<requestId>/export/.
        var export = $"{requestId}/export/";
        Assert.Contains(export + "statistics.parquet", results);
        Assert.Contains(export + "statistics.csv", results);
        Assert.Contains(export + "failures.csv", results);

        var parquetBytes = await GetBytesAsync(ServerlessStack.ResultsBucket, export + "statistics.parquet");
        var parquetRows = ReadParquet(parquetBytes);
        Assert.Equal(Sorted(expected), Sorted(parquetRows));
        // The same table is published to the flat folder the template's Glue/Athena table reads.
        Assert.Equal(parquetBytes, await GetBytesAsync(ServerlessStack.ResultsBucket, $"athena/statistics/{requestId}.parquet"));
        // Every file was read by the export; the features with rows are exactly those the JSON says have data.
        Assert.Equal(67, (long)final["export"]!["features"]!);
        Assert.Equal(expected.Select(e => e.Id).Distinct().Order(), parquetRows.Select(r => r.Id).Distinct().Order());
        log.WriteLine($"{parquetRows.Select(r => r.Id).Distinct().Count()} of 67 features have rows (the others: every interval noData or not OK, §12)");

        var csv = (await GetTextAsync(ServerlessStack.ResultsBucket, export + "statistics.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].TrimEnd('\r').Split(',');
        var idColumn = Array.IndexOf(header, "id");
        var meanColumn = Array.IndexOf(header, "ndvi_B0_mean");
        Assert.True(idColumn >= 0 && meanColumn >= 0, "CSV header: " + csv[0]);
        var csvRows = csv.Skip(1).Select(line => line.TrimEnd('\r').Split(','))
            .Select(cells => (long.Parse(cells[idColumn], CultureInfo.InvariantCulture), ParseCsvDouble(cells[meanColumn]))).ToList();
        Assert.Equal(Sorted(expected), Sorted(csvRows));

        // DynamoDB index: every row by request; one field's rows by its identifier (GSI).
        var index = new DynamoDbStatisticsIndex(stack.Dynamo, ServerlessStack.IndexTable);
        var byRequest = new List<BatchStats.Export.Index.IndexItem>();
        await foreach (var item in index.QueryByRequestAsync(requestId))
        {
            byRequest.Add(item);
        }

        Assert.Equal(Sorted(expected), Sorted(byRequest.Select(i => (i.FeatureId, (double)i.Attributes["ndvi_B0_mean"])).ToList()));
        var (someId, someIdentifier) = identifiers.OrderBy(p => p.Key).First(p => expected.Any(e => e.Id == p.Key));
        var byIdentifier = new List<BatchStats.Export.Index.IndexItem>();
        await foreach (var item in index.QueryByIdentifierAsync(someIdentifier))
        {
            byIdentifier.Add(item);
        }

        Assert.Equal(expected.Count(e => e.Id == someId), byIdentifier.Count(i => i.RequestId == requestId));
        Assert.All(byIdentifier, i => Assert.Equal(someIdentifier, i.Identifier));

        Assert.Equal(0, pump.ReportedFailures);
        log.WriteLine($"end-to-end: {clock.Elapsed.TotalSeconds:F1} s, {polls} polls, {pump.Invocations} worker invocations, " +
                      $"{expected.Count} rows, {parquetRows.Count} parquet rows");
        foreach (var group in stack.Host.Invocations.Where(i => i.ErrorType is null).GroupBy(i => i.Function).OrderBy(g => g.Key))
        {
            var ms = group.Select(i => i.Duration.TotalMilliseconds).Order().ToList();
            log.WriteLine($"  {group.Key}: n={ms.Count} mean={ms.Average():F0} ms median={ms[ms.Count / 2]:F0} ms max={ms[^1]:F0} ms total={ms.Sum():F0} ms");
        }
    }

    [SkippableFact]
    public async Task A_script_that_runs_in_Jint_goes_to_the_Jint_queue_and_its_worker_and_ends_DONE()
    {
        stack.Require();

        // The template's NDVI with its cloud test in a helper function: the fast path does not compile helpers.
        var template = JsonNode.Parse(ServerlessStack.RequestTemplateJson)!;
        var script = (string)template["aggregation"]!["evalscript"]!;
        var jint = script.Replace("const clear = samples.CLM === 1 ? 0 : 1;", "const clear = isClear(samples.CLM);", StringComparison.Ordinal)
            .Replace("function evaluatePixel(samples) {", "function isClear(clm) { return clm === 1 ? 0 : 1; }\nfunction evaluatePixel(samples) {", StringComparison.Ordinal);
        Assert.NotEqual(script, jint);
        template["aggregation"]!["evalscript"] = jint;
        await stack.S3.PutObjectAsync(new PutObjectRequest { BucketName = ServerlessStack.InputBucket, Key = ServerlessStack.TemplateKey, ContentBody = template.ToJsonString() });
        try
        {
            await using var main = new WorkerPump(stack.Sqs, stack.WorkQueueUrl, stack.Http, stack.Host.Endpoint);
            await using var jintWorkers = new WorkerPump(stack.Sqs, stack.JintWorkQueueUrl, stack.Http, stack.Host.Endpoint);
            main.Start(concurrency: 1);
            jintWorkers.Start(concurrency: 2);
            const string key = "uploads/jint/fields.gpkg";
            await stack.S3.PutObjectAsync(new PutObjectRequest { BucketName = ServerlessStack.InputBucket, Key = key, FilePath = SharedData.Data("s2-slovenia/fields.gpkg") });

            var execution = await RunExecutionAsync(ServerlessStack.InputBucket, key);
            Assert.True(execution.Status == "SUCCEEDED", $"execution {execution.Status}: {execution.Error} {execution.Cause}\nmoto: {stack.MotoTail}");
            var requestId = (string)JsonNode.Parse(execution.Output!)!["job"]!["requestId"]!;
            var job = await new DynamoDbJobStore(stack.Dynamo, ServerlessStack.JobsTable).GetAsync(requestId);
            Assert.False((bool)JsonNode.Parse(job!.Document)!["analysis"]!["plan"]!["evalscriptFastPath"]!);

            // Every chunk went through the Jint queue; the main workers saw none of them.
            Assert.True(jintWorkers.Invocations > 0, "no chunk reached the Jint queue");
            Assert.Equal(0, main.Invocations);
            Assert.Equal(0, jintWorkers.ReportedFailures);
            Assert.Equal(67, (await ListAsync(ServerlessStack.ResultsBucket, requestId + "/")).Count(k => IsFeatureFile(k, requestId)));
        }
        finally
        {
            await stack.S3.PutObjectAsync(new PutObjectRequest { BucketName = ServerlessStack.InputBucket, Key = ServerlessStack.TemplateKey, ContentBody = ServerlessStack.RequestTemplateJson });
        }
    }

    [SkippableFact]
    public async Task A_text_file_named_gpkg_ends_FAILED_with_the_reason_in_the_jobs_table_and_no_results()
    {
        stack.Require();
        const string key = "uploads/not-a-geopackage.gpkg";
        await stack.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = ServerlessStack.InputBucket, Key = key, ContentBody = "field_id,name\n1,this is a CSV file, not SQLite\n",
        });

        var execution = await RunExecutionAsync(ServerlessStack.InputBucket, key);
        Assert.Equal("FAILED", execution.Status);
        Assert.Equal("FAILED", execution.Error); // JobFailed: ErrorPath $.job.status

        var head = await stack.S3.GetObjectMetadataAsync(ServerlessStack.InputBucket, key);
        var requestId = new BatchStats.Functions.Services.UploadedObject(ServerlessStack.InputBucket, key, head.ETag, null).RequestId();
        var job = await new DynamoDbJobStore(stack.Dynamo, ServerlessStack.JobsTable).GetAsync(requestId);
        Assert.NotNull(job);
        Assert.Equal("FAILED", job.Status);
        var error = (string?)JsonNode.Parse(job.Document)!["task"]?["error"] ?? (string?)JsonNode.Parse(job.Document)!["error"];
        Assert.NotNull(error);
        Assert.Contains("input.features", error, StringComparison.Ordinal);
        Assert.Equal(error, execution.Cause); // the reason reaches the execution's Fail state too

        Assert.Empty(await ListAsync(ServerlessStack.ResultsBucket, requestId + "/"));
    }

    private async Task<ExecutionDescription> RunExecutionAsync(string bucket, string key)
    {
        var input = new JsonObject { ["bucket"] = bucket, ["key"] = key, ["waitSeconds"] = ServerlessStack.PollWaitSeconds, ["maxPolls"] = 600 };
        var started = await stack.StepFunctions.StartExecutionAsync(stack.StateMachineArn, "job-" + Guid.NewGuid().ToString("N")[..12], input.ToJsonString());
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var description = await stack.StepFunctions.DescribeExecutionAsync(started.ExecutionArn);
            if (description.Status != "RUNNING")
            {
                return description;
            }

            Assert.True(clock.Elapsed < s_executionTimeout, $"execution still RUNNING after {s_executionTimeout}; moto: {stack.MotoTail}");
            await Task.Delay(250);
        }
    }

    private async Task<string> ReceiveUploadEventAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var received = await stack.Sqs.ReceiveMessageAsync(new Amazon.SQS.Model.ReceiveMessageRequest
            {
                QueueUrl = stack.UploadsQueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1,
            });
            foreach (var message in received.Messages ?? [])
            {
                await stack.Sqs.DeleteMessageAsync(stack.UploadsQueueUrl, message.ReceiptHandle);
                if (message.Body.Contains("\"Records\"", StringComparison.Ordinal))
                {
                    return message.Body; // moto sends an s3:TestEvent first; that one has no Records
                }
            }
        }

        throw new TimeoutException("moto sent no S3 ObjectCreated notification within 30 s");
    }

    private async Task<string> InvokeAsync(string function, string payload)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        using var response = await stack.Http.PostAsync(new Uri(stack.Host.Endpoint, $"2015-03-31/functions/{function}/invocations"), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"), body);
        return body;
    }

    private async Task<List<string>> ListAsync(string bucket, string prefix)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        do
        {
            var page = await stack.S3.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
        return keys;
    }

    private async Task<byte[]> GetBytesAsync(string bucket, string key)
    {
        using var response = await stack.S3.GetObjectAsync(bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private async Task<string> GetTextAsync(string bucket, string key) => Encoding.UTF8.GetString(await GetBytesAsync(bucket, key));

    private static bool IsFeatureFile(string key, string requestId) =>
        key.StartsWith(requestId + "/", StringComparison.Ordinal) && key.EndsWith(".json", StringComparison.Ordinal) &&
        long.TryParse(key.AsSpan(requestId.Length + 1, key.Length - requestId.Length - 6), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static double ToDouble(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? double.Parse((string)value!, CultureInfo.InvariantCulture) : (double)value;

    private static double ParseCsvDouble(string cell) =>
        cell.Length == 0 ? double.NaN : double.Parse(cell.Trim('"'), CultureInfo.InvariantCulture);

    private static List<(long Id, double Mean)> Sorted(IEnumerable<(long Id, double Mean)> rows) =>
        rows.OrderBy(r => r.Id).ThenBy(r => r.Mean).ToList();

    /// <summary>Reads the export with DuckDB (an independent C++ reader), as docs/serverless.md shows for a downloaded file.</summary>
    private static List<(long Id, double Mean)> ReadParquet(byte[] bytes)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("statistics.parquet");
        File.WriteAllBytes(path, bytes);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, ndvi_B0_mean FROM read_parquet('{path}')";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, double)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1)));
        }

        return rows;
    }
}
