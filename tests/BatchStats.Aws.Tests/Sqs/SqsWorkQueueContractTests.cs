using Amazon.SQS.Model;
using BatchStats.Aws.Sqs;
using BatchStats.Aws.Tests.Moto;
using BatchStats.Contracts.Storage;
using BatchStats.Engine.Storage;

namespace BatchStats.Aws.Tests.Sqs;

[Collection(MotoCollection.Name)]
public sealed class SqsWorkQueueContractTests(MotoServer moto) : WorkQueueContract, IAsyncLifetime
{
    private string? _queueUrl;

    protected override TimeSpan? VisibilityTimeout => TimeSpan.FromSeconds(2);

    protected override IWorkQueue CreateQueue()
    {
        moto.Require();
        return new SqsWorkQueue(moto.Clients.CreateSqs(), _queueUrl!);
    }

    public async Task InitializeAsync()
    {
        if (moto.Unavailable is null)
        {
            await moto.ResetAsync();
            using var sqs = moto.Clients.CreateSqs();
            var created = await sqs.CreateQueueAsync(new CreateQueueRequest
            {
                QueueName = "batchstats-work",
                Attributes = new Dictionary<string, string> { ["VisibilityTimeout"] = "2" },
            });
            _queueUrl = created.QueueUrl;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
