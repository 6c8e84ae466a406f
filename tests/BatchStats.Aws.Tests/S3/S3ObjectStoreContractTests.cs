using BatchStats.Aws.S3;
using BatchStats.Aws.Tests.Moto;
using BatchStats.Contracts.Storage;
using BatchStats.Engine.Storage;

namespace BatchStats.Aws.Tests.S3;

[Collection(MotoCollection.Name)]
public sealed class S3ObjectStoreContractTests(MotoServer moto) : ObjectStoreContract, IAsyncLifetime
{
    private const string Bucket = "contract-bucket";

    protected override string BaseUrl => $"s3://{Bucket}/";

    protected override IObjectStore CreateStore()
    {
        moto.Require();
        return new S3ObjectStore(moto.Clients.CreateS3());
    }

    public async Task InitializeAsync()
    {
        if (moto.Unavailable is null)
        {
            await moto.ResetAsync();
            using var s3 = moto.Clients.CreateS3();
            await s3.PutBucketAsync(Bucket);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
