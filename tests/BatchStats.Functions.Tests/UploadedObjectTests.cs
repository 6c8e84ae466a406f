using BatchStats.Functions.Services;

namespace BatchStats.Functions.Tests;

public sealed class UploadedObjectTests
{
    [Fact]
    public void Request_id_is_a_uuid_fixed_by_bucket_key_and_revision()
    {
        var a = new UploadedObject("in", "f.gpkg", "\"etag-1\"", null);
        var id = a.RequestId();
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id);

        // Re-delivery (same upload) → same id; S3 ETags come quoted from HeadObject and bare in events.
        Assert.Equal(id, new UploadedObject("in", "f.gpkg", "etag-1", null).RequestId());

        // A new upload of the same key (new ETag), another key or bucket → another job.
        Assert.NotEqual(id, new UploadedObject("in", "f.gpkg", "etag-2", null).RequestId());
        Assert.NotEqual(id, new UploadedObject("in", "g.gpkg", "etag-1", null).RequestId());
        Assert.NotEqual(id, new UploadedObject("in2", "f.gpkg", "etag-1", null).RequestId());
    }

    [Fact]
    public void Version_id_wins_over_etag_except_the_literal_null_of_unversioned_buckets()
    {
        Assert.Equal("v1", new UploadedObject("b", "k", "e", "v1").Revision);
        Assert.Equal("e", new UploadedObject("b", "k", "\"e\"", "null").Revision);
        Assert.Null(new UploadedObject("b", "k", null, null).Revision);
    }
}
