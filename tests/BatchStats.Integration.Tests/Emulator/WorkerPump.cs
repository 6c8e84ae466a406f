using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace BatchStats.Integration.Tests.Emulator;

/// <summary>
/// What Lambda's SQS event source mapping does for the Worker function: receive a batch (BatchSize 1, as in the
/// template), invoke the function through the Invoke API with an SQS event, delete the messages it did not report in
/// <c>batchItemFailures</c> and leave the rest to come back after the visibility timeout.
/// </summary>
internal sealed class WorkerPump(IAmazonSQS sqs, string queueUrl, HttpClient http, Uri invokeEndpoint) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private int _invocations;
    private int _reportedFailures;

    public int Invocations => _invocations;

    public int ReportedFailures => _reportedFailures;

    public void Start(int concurrency)
    {
        for (var i = 0; i < concurrency; i++)
        {
            _loops.Add(Task.Run(() => LoopAsync(_stop.Token)));
        }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            ReceiveMessageResponse received;
            try
            {
                received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = queueUrl,
                    MaxNumberOfMessages = 1,
                    WaitTimeSeconds = 1,
                    MessageSystemAttributeNames = ["ApproximateReceiveCount"],
                }, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (received.Messages is not { Count: > 0 } messages)
            {
                continue;
            }

            var records = new JsonArray();
            foreach (var m in messages)
            {
                records.Add(new JsonObject
                {
                    ["messageId"] = m.MessageId,
                    ["receiptHandle"] = m.ReceiptHandle,
                    ["body"] = m.Body,
                    ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = m.Attributes?.GetValueOrDefault("ApproximateReceiveCount") ?? "1" },
                    ["eventSource"] = "aws:sqs",
                });
            }

            using var content = new StringContent(new JsonObject { ["Records"] = records }.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(invokeEndpoint, "2015-03-31/functions/WorkerFunction/invocations"), content, CancellationToken.None);
            Interlocked.Increment(ref _invocations);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.Headers.Contains("X-Amz-Function-Error"))
            {
                continue; // the whole batch is retried after its visibility timeout
            }

            var failed = (JsonNode.Parse(body)?["batchItemFailures"]?.AsArray() ?? [])
                .Select(f => (string?)f?["itemIdentifier"]).ToHashSet();
            foreach (var m in messages)
            {
                if (failed.Contains(m.MessageId))
                {
                    Interlocked.Increment(ref _reportedFailures);
                    continue;
                }

                await sqs.DeleteMessageAsync(queueUrl, m.ReceiptHandle, CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }
}
