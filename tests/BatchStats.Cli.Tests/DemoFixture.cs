using System.Diagnostics;
using BatchStats.TestSupport;

namespace BatchStats.Cli.Tests;

/// <summary>Runs <c>batchstats demo --json</c> once (its own state folder) for every test of the collection.</summary>
public sealed class DemoFixture : IDisposable
{
    private readonly TempDirectory _temp = new("batchstats-cli-demo");

    public DemoFixture()
    {
        State = _temp.Combine("state");
        Folder = _temp.Combine("demo");
        var clock = Stopwatch.StartNew();
        Result = CliResult.Run("demo", "--state", State, "--out", Folder, "--json");
        Elapsed = clock.Elapsed;
    }

    public string State { get; }

    public string Folder { get; }

    public CliResult Result { get; }

    public TimeSpan Elapsed { get; }

    public void Dispose() => _temp.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoFixture>
{
    public const string Name = "demo";
}
