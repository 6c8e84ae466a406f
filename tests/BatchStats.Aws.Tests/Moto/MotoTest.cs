namespace BatchStats.Aws.Tests.Moto;

/// <summary>Base of tests against moto: resets the server before each test (xunit makes one instance per test).</summary>
[Collection(MotoCollection.Name)]
public abstract class MotoTest(MotoServer moto) : IAsyncLifetime
{
    protected MotoServer Moto { get; } = moto;

    public async Task InitializeAsync()
    {
        if (Moto.Unavailable is null)
        {
            await Moto.ResetAsync();
            await SetUpAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Creates the buckets/tables/queues a test needs (moto is empty at this point).</summary>
    protected virtual Task SetUpAsync() => Task.CompletedTask;
}
