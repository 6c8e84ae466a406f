using BatchStats.TestSupport;

namespace BatchStats.Demo.Tests;

/// <summary>The default demo, generated once for all archive tests.</summary>
public sealed class DemoArchiveFixture : IDisposable
{
    private readonly TempDirectory _dir = new("batchstats-demo");

    public DemoArchiveFixture()
    {
        Result = DemoArchive.Generate(DemoOptions.Default, _dir.Combine("archive"));
    }

    public DemoArchiveResult Result { get; }

    public string Root => Result.OutputFolder;

    public void Dispose() => _dir.Dispose();
}
