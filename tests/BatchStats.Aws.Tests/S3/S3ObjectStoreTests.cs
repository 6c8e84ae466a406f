using System.Text;
using BatchStats.Aws.S3;
using BatchStats.Aws.Tests.Moto;
using BatchStats.Engine.Storage;

namespace BatchStats.Aws.Tests.S3;

public sealed class S3ObjectStoreTests(MotoServer moto) : MotoTest(moto)
{
    protected override async Task SetUpAsync()
    {
        using var s3 = Moto.Clients.CreateS3();
        await s3.PutBucketAsync("results");
    }

    [SkippableFact]
    public async Task Listing_follows_continuation_tokens_across_pages()
    {
        Moto.Require();
        var store = new S3ObjectStore(Moto.Clients.CreateS3(), listPageSize: 2);
        for (var i = 0; i < 7; i++)
        {
            await store.PutAsync($"s3://results/req/{i}.json", Encoding.UTF8.GetBytes(new string('x', i)));
        }

        var listed = new List<ObjectInfo>();
        await foreach (var o in store.ListAsync("s3://results/req/"))
        {
            listed.Add(o);
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"s3://results/req/{i}.json"), listed.Select(o => o.Url));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), listed.Select(o => o.Size));
        Assert.All(listed, o => Assert.True(o.LastModified > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [SkippableFact]
    public async Task Range_past_the_end_is_empty_and_a_missing_bucket_is_not_found()
    {
        Moto.Require();
        var store = new S3ObjectStore(Moto.Clients.CreateS3());
        await store.PutAsync("s3://results/ten", new byte[10]);

        Assert.Empty(await store.GetRangeAsync("s3://results/ten", 10, 5));
        Assert.Empty(await store.GetRangeAsync("s3://results/ten", 3, 0));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetAsync("s3://no-such-bucket/x"));
    }

    [Fact]
    public async Task Urls_that_are_not_s3_objects_are_rejected_with_the_reason()
    {
        var store = new S3ObjectStore(new Amazon.S3.AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials("a", "b"), Amazon.RegionEndpoint.USEast1));

        var scheme = await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync("/tmp/file.json"));
        Assert.Contains("not an S3 URL", scheme.Message, StringComparison.Ordinal);
        var bucketOnly = await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("s3://bucket", new byte[1]));
        Assert.Contains("names a bucket, not an object", bucketOnly.Message, StringComparison.Ordinal);
        Assert.Equal(new S3Location("b", "a/c.json"), S3Location.Parse("s3://b/a/c.json"));
    }
}
