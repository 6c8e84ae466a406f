using System.Globalization;
using BatchStats.Aws.Sqs;
using BatchStats.Functions.Events;

namespace BatchStats.Functions;

/// <summary>
/// The SQS consumer (<c>BatchStats.Functions::BatchStats.Functions.WorkerFunction::Handle</c>): each message is one chunk
/// for <c>ChunkWorker</c>, which skips committed chunks and finished features, so a re-delivery does no work twice.
/// Out: the partial batch response; only failed messages are listed (and redelivered by SQS).
/// </summary>
public sealed class WorkerFunction
{
    private readonly FunctionServices _services;

    public WorkerFunction()
        : this(FunctionServices.Default)
    {
    }

    public WorkerFunction(FunctionServices services) => _services = services ?? throw new ArgumentNullException(nameof(services));

    public Task<Stream> Handle(Stream input) => FunctionIo.RunAsync(input,
        FunctionsJsonContext.Default.SqsEvent, FunctionsJsonContext.Default.SqsBatchResponse, async (e, ct) =>
        {
            var failures = new List<SqsBatchItemFailure>();
            foreach (var message in e.Records ?? [])
            {
                var id = message.MessageId ?? "";
                try
                {
                    var item = WorkItemJson.Deserialize(message.Body, id);
                    var deliveries = message.Attributes?.GetValueOrDefault("ApproximateReceiveCount") is { } count
                        ? int.Parse(count, NumberStyles.Integer, CultureInfo.InvariantCulture)
                        : 1;
                    await _services.Worker.ProcessAsync(item, deliveries, ct);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Reported, not thrown: the other messages of the batch stay done. Logged for CloudWatch.
                    Console.Error.WriteLine($"WorkerFunction: message {id} failed: {ex.GetType().Name}: {ex.Message}");
                    failures.Add(new SqsBatchItemFailure { ItemIdentifier = id });
                }
            }

            return new SqsBatchResponse { BatchItemFailures = failures };
        });
}
