using System.Diagnostics;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using BatchStats.Engine.Storage;

namespace BatchStats.Aws.Sqs;

/// <summary>
/// <see cref="IWorkQueue"/> over one SQS queue. Bodies are the <see cref="WorkItem"/> as JSON; the receipt is the SQS
/// receipt handle; the delivery count is <c>ApproximateReceiveCount</c>. Abandon sets the message's visibility
/// timeout to the delay, so it is redelivered after it (a DLQ redrive policy on the queue bounds the attempts).
/// </summary>
public sealed class SqsWorkQueue : IWorkQueue
{
    private const int MaxBatch = 10;          // SQS limit per ReceiveMessage
    private const int MaxWaitSeconds = 20;    // SQS long-poll limit
    private static readonly TimeSpan s_shortPollPause = TimeSpan.FromMilliseconds(100);

    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;

    public SqsWorkQueue(IAmazonSQS sqs, string queueUrl)
    {
        _sqs = sqs ?? throw new ArgumentNullException(nameof(sqs));
        ArgumentException.ThrowIfNullOrEmpty(queueUrl);
        _queueUrl = queueUrl;
    }

    public Task EnqueueAsync(WorkItem item, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = _queueUrl,
            MessageBody = WorkItemJson.Serialize(item),
        }, ct);
    }

    public async Task<IReadOnlyList<ReceivedWorkItem>> ReceiveAsync(int max, TimeSpan wait, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // SQS long polls in whole seconds; a sub-second remainder is covered by short polls with short pauses.
            var remaining = wait - clock.Elapsed;
            var waitSeconds = (int)Math.Clamp(Math.Floor(remaining.TotalSeconds), 0, MaxWaitSeconds);
            var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = _queueUrl,
                MaxNumberOfMessages = Math.Min(max, MaxBatch),
                WaitTimeSeconds = waitSeconds,
                MessageSystemAttributeNames = ["ApproximateReceiveCount"],
            }, ct).ConfigureAwait(false);

            if (response.Messages is { Count: > 0 } messages)
            {
                return messages.Select(ToReceived).ToList();
            }

            remaining = wait - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                return [];
            }

            if (remaining < TimeSpan.FromSeconds(1))
            {
                await Task.Delay(remaining < s_shortPollPause ? remaining : s_shortPollPause, ct).ConfigureAwait(false);
            }
        }
    }

    public Task CompleteAsync(ReceivedWorkItem item, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _sqs.DeleteMessageAsync(_queueUrl, item.Receipt, ct);
    }

    public Task AbandonAsync(ReceivedWorkItem item, TimeSpan delay, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        // SQS visibility is whole seconds, at most 12 hours; round up so "after the delay" holds.
        var seconds = (int)Math.Min(Math.Ceiling(delay.TotalSeconds), 43_200);
        return _sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
        {
            QueueUrl = _queueUrl,
            ReceiptHandle = item.Receipt,
            VisibilityTimeout = seconds,
        }, ct);
    }

    private static ReceivedWorkItem ToReceived(Message message)
    {
        var count = message.Attributes is { } attributes && attributes.TryGetValue("ApproximateReceiveCount", out var text)
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : 1;
        return new ReceivedWorkItem(WorkItemJson.Deserialize(message.Body, message.MessageId), message.ReceiptHandle, count);
    }
}
