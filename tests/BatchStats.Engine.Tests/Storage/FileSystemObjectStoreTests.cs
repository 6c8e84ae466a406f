using System.Text;
using BatchStats.Engine.Storage;
using BatchStats.TestSupport;

namespace BatchStats.Engine.Tests.Storage;

public sealed class FileSystemObjectStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FileSystemObjectStore _store;

    public FileSystemObjectStoreTests() => _store = new FileSystemObjectStore(_dir.Path);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task S3_url_maps_to_root_bucket_key()
    {
        await _store.PutAsync("s3://out/job/1.json", Encoding.UTF8.GetBytes("{}"));

        Assert.True(File.Exists(Path.Combine(_dir.Path, "out", "job", "1.json")));
        Assert.Equal(Path.Combine(_dir.Path, "out", "job", "1.json"), _store.ResolvePath("s3://out/job/1.json"));
    }

    [Fact]
    public async Task File_url_and_plain_path_address_the_same_file()
    {
        var path = _dir.Combine("x", "a.json");
        await _store.PutAsync("file://" + path, Encoding.UTF8.GetBytes("abc"));

        Assert.Equal("abc", Encoding.UTF8.GetString(await _store.GetAsync(path)));
        var listed = new List<ObjectInfo>();
        await foreach (var o in _store.ListAsync("file://" + _dir.Combine("x") + "/"))
        {
            listed.Add(o);
        }

        Assert.Equal("file://" + path, Assert.Single(listed).Url);
    }

    [Theory]
    [InlineData("s3://out/../etc/passwd")]
    [InlineData("s3://out/job/../../x.json")]
    [InlineData("s3://../x")]
    [InlineData("file:///tmp/a/../b")]
    [InlineData("/tmp/a/../../b")]
    [InlineData("s3:///key")]
    [InlineData("http://host/x")]
    [InlineData("file://relative/path")]
    public async Task Traversal_and_bad_urls_are_rejected(string url)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync(url, new byte[1]));
    }

    [Fact]
    public async Task Temp_files_of_an_unfinished_write_are_not_listed()
    {
        Directory.CreateDirectory(_dir.Combine("b", "p"));
        await File.WriteAllTextAsync(_dir.Combine("b", "p", "1.json.abc" + FileSystemObjectStore.TempSuffix), "partial");
        await _store.PutAsync("s3://b/p/2.json", new byte[3]);

        var listed = new List<string>();
        await foreach (var o in _store.ListAsync("s3://b/p/"))
        {
            listed.Add(o.Url);
        }

        Assert.Equal(["s3://b/p/2.json"], listed);
    }

    [Fact]
    public async Task Url_naming_a_folder_is_rejected_for_put()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync("s3://b/folder/", new byte[1]));
    }
}
