using BatchStats.Aws.DynamoDb;
using BatchStats.Aws.Tests.Moto;
using BatchStats.Contracts.Storage;
using BatchStats.Engine.Storage;

namespace BatchStats.Aws.Tests.DynamoDb;

[Collection(MotoCollection.Name)]
public sealed class DynamoDbJobStoreContractTests(MotoServer moto) : JobStoreContract, IAsyncLifetime
{
    private const string Table = "batchstats-jobs";

    protected override IJobStore CreateStore()
    {
        moto.Require();
        return new DynamoDbJobStore(moto.Clients.CreateDynamoDb(), Table);
    }

    public async Task InitializeAsync()
    {
        if (moto.Unavailable is null)
        {
            await moto.ResetAsync();
            using var dynamo = moto.Clients.CreateDynamoDb();
            await dynamo.CreateTableAsync(DynamoDbJobStore.TableDefinition(Table));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
