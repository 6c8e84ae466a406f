using BatchStats.Aws.S3;
using BatchStats.Aws.Tests.Moto;

namespace BatchStats.Aws.Tests.S3;

public sealed class S3ByteSourceTests(MotoServer moto) : MotoTest(moto)
{
    private static readonly byte[] s_content = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i * 7))];

    protected override async Task SetUpAsync()
    {
        using var s3 = Moto.Clients.CreateS3();
        await s3.PutBucketAsync("cogs");
        await new S3ObjectStore(s3).PutAsync("s3://cogs/T33TVM/B04.tif", s_content);
    }

    [SkippableFact]
    public async Task Reads_length_and_ranges_with_ranged_gets()
    {
        Moto.Require();
        var factory = new S3ByteSourceFactory(Moto.Clients.CreateS3());
        Assert.True(factory.CanOpen("s3://cogs/T33TVM/B04.tif"));
        Assert.False(factory.CanOpen("https://example.com/B04.tif"));

        using var source = factory.Open("s3://cogs/T33TVM/B04.tif");
        Assert.Equal("s3://cogs/T33TVM/B04.tif", source.Id);
        Assert.Equal(1000, await source.GetLengthAsync());
        Assert.Equal(s_content[100..164], (await source.ReadAsync(100, 64)).ToArray());
        Assert.Equal(s_content[990..], (await source.ReadAsync(990, 64)).ToArray());
        Assert.Equal(0, (await source.ReadAsync(1000, 8)).Length);
    }

    [SkippableFact]
    public async Task Missing_object_is_a_FileNotFoundException_naming_the_url()
    {
        Moto.Require();
        using var source = new S3ByteSource(Moto.Clients.CreateS3(), "s3://cogs/missing.tif");

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(async () => await source.GetLengthAsync());
        Assert.Contains("s3://cogs/missing.tif", ex.Message, StringComparison.Ordinal);
    }
}
