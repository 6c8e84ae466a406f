using BatchStats.Contracts.Storage;
using BatchStats.Engine.Storage;
using BatchStats.TestSupport;

namespace BatchStats.Engine.Tests.Storage;

public sealed class FileSystemObjectStoreS3UrlContractTests : ObjectStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override IObjectStore CreateStore() => new FileSystemObjectStore(_dir.Path);

    protected override string BaseUrl => "s3://contract-bucket/objects";

    public void Dispose() => _dir.Dispose();
}

public sealed class FileSystemObjectStoreFileUrlContractTests : ObjectStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override IObjectStore CreateStore() => new FileSystemObjectStore(_dir.Combine("unused-s3-root"));

    protected override string BaseUrl => "file://" + _dir.Path;

    public void Dispose() => _dir.Dispose();
}

public sealed class FileSystemObjectStorePlainPathContractTests : ObjectStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override IObjectStore CreateStore() => new FileSystemObjectStore(_dir.Combine("unused-s3-root"));

    protected override string BaseUrl => _dir.Path + "/";

    public void Dispose() => _dir.Dispose();
}

public sealed class FileJobStoreContractTests : JobStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override IJobStore CreateStore() => new FileJobStore(_dir.Combine("jobs"));

    public void Dispose() => _dir.Dispose();
}

public sealed class InProcessWorkQueueContractTests : WorkQueueContract, IDisposable
{
    private readonly List<InProcessWorkQueue> _queues = [];

    protected override IWorkQueue CreateQueue()
    {
        var queue = new InProcessWorkQueue(VisibilityTimeout);
        _queues.Add(queue);
        return queue;
    }

    protected override TimeSpan? VisibilityTimeout => TimeSpan.FromSeconds(1);

    public void Dispose() => _queues.ForEach(q => q.Dispose());
}
