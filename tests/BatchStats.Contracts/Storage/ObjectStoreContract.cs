using System.Text;
using BatchStats.Engine.Storage;
using Xunit;

namespace BatchStats.Contracts.Storage;

/// <summary>
/// Behaviour every <see cref="IObjectStore"/> must have. A subclass provides the store and a base URL it may write
/// under (e.g. <c>s3://contract-bucket/</c> or a temp folder); each test works under its own unique sub-prefix.
/// </summary>
public abstract class ObjectStoreContract
{
    private IObjectStore? _store;
    private string? _prefix;

    /// <summary>Creates the implementation under test. Called once per test.</summary>
    protected abstract IObjectStore CreateStore();

    /// <summary>A URL prefix the store may write under (with or without trailing slash).</summary>
    protected abstract string BaseUrl { get; }

    protected IObjectStore Store => _store ??= CreateStore();

    /// <summary>A fresh prefix per test so tests never see each other's objects.</summary>
    protected string Prefix => _prefix ??= BaseUrl.TrimEnd('/') + "/c-" + Guid.NewGuid().ToString("N")[..12] + "/";

    protected string Url(string key) => Prefix + key;

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [SkippableFact]
    public async Task Put_then_get_returns_the_same_bytes()
    {
        var content = Bytes("{\"id\": 1, \"identifier\": \"ž\"}");
        await Store.PutAsync(Url("1.json"), content, "application/json");

        Assert.Equal(content, await Store.GetAsync(Url("1.json")));
    }

    [SkippableFact]
    public async Task Put_overwrites_an_existing_object()
    {
        await Store.PutAsync(Url("a.json"), Bytes("first-version-long"));
        await Store.PutAsync(Url("a.json"), Bytes("second"));

        Assert.Equal("second", Encoding.UTF8.GetString(await Store.GetAsync(Url("a.json"))));
        Assert.Equal(6, await Store.GetSizeAsync(Url("a.json")));
    }

    [SkippableFact]
    public async Task Empty_object_round_trips()
    {
        await Store.PutAsync(Url("empty.bin"), ReadOnlyMemory<byte>.Empty);

        Assert.Empty(await Store.GetAsync(Url("empty.bin")));
        Assert.Equal(0, await Store.GetSizeAsync(Url("empty.bin")));
    }

    [SkippableFact]
    public async Task Get_of_a_missing_object_throws_ObjectNotFound()
    {
        var ex = await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.GetAsync(Url("missing.json")));
        Assert.Contains("missing.json", ex.Url, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetRange_of_a_missing_object_throws_ObjectNotFound()
    {
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.GetRangeAsync(Url("missing.bin"), 0, 4));
    }

    [SkippableFact]
    public async Task GetSize_is_null_for_a_missing_object_and_the_length_otherwise()
    {
        Assert.Null(await Store.GetSizeAsync(Url("nothing")));
        await Store.PutAsync(Url("ten"), new byte[10]);
        Assert.Equal(10, await Store.GetSizeAsync(Url("ten")));
    }

    [SkippableFact]
    public async Task GetRange_returns_the_requested_slice_and_fewer_bytes_at_the_end()
    {
        var content = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        await Store.PutAsync(Url("blob.bin"), content);

        Assert.Equal(content[10..14], await Store.GetRangeAsync(Url("blob.bin"), 10, 4));
        Assert.Equal(content[..1], await Store.GetRangeAsync(Url("blob.bin"), 0, 1));
        Assert.Equal(content[95..], await Store.GetRangeAsync(Url("blob.bin"), 95, 20));
        Assert.Equal(content, await Store.GetRangeAsync(Url("blob.bin"), 0, 100));
    }

    [SkippableFact]
    public async Task List_returns_keys_under_the_prefix_in_ordinal_order_with_sizes()
    {
        // Ordinal: "10.json" < "2.json" < "_meta/…" < "a.json" < "a/b.json" ('.' < '/').
        string[] keys = ["2.json", "10.json", "a/b.json", "a.json", "_meta/failed.txt"];
        foreach (var key in keys)
        {
            await Store.PutAsync(Url(key), Bytes(key));
        }

        var listed = await ToListAsync(Store.ListAsync(Prefix));

        Assert.Equal(
            new[] { "10.json", "2.json", "_meta/failed.txt", "a.json", "a/b.json" }.Select(Url),
            listed.Select(o => o.Url));
        Assert.All(listed, o => Assert.Equal(o.Url[Prefix.Length..].Length, o.Size));
    }

    [SkippableFact]
    public async Task List_prefix_is_a_string_prefix_not_only_a_folder()
    {
        await Store.PutAsync(Url("res/1.json"), Bytes("1"));
        await Store.PutAsync(Url("res/12.json"), Bytes("12"));
        await Store.PutAsync(Url("res/2.json"), Bytes("2"));
        await Store.PutAsync(Url("result/1.json"), Bytes("x"));

        var under1 = await ToListAsync(Store.ListAsync(Url("res/1")));
        Assert.Equal([Url("res/1.json"), Url("res/12.json")], under1.Select(o => o.Url));

        var folder = await ToListAsync(Store.ListAsync(Url("res/")));
        Assert.Equal([Url("res/1.json"), Url("res/12.json"), Url("res/2.json")], folder.Select(o => o.Url));
    }

    [SkippableFact]
    public async Task List_of_an_unknown_prefix_is_empty()
    {
        Assert.Empty(await ToListAsync(Store.ListAsync(Url("nothing-here/"))));
    }

    [SkippableFact]
    public async Task Delete_removes_the_object_and_is_silent_when_absent()
    {
        await Store.PutAsync(Url("gone.json"), Bytes("x"));
        await Store.DeleteAsync(Url("gone.json"));

        Assert.Null(await Store.GetSizeAsync(Url("gone.json")));
        Assert.Empty(await ToListAsync(Store.ListAsync(Prefix)));
        await Store.DeleteAsync(Url("gone.json"));
        await Store.DeleteAsync(Url("never-existed.json"));
    }

    [SkippableFact]
    public async Task Concurrent_puts_of_the_same_key_leave_one_complete_version()
    {
        var a = Enumerable.Repeat((byte)'a', 200_000).ToArray();
        var b = Enumerable.Repeat((byte)'b', 100_000).ToArray();
        var tasks = Enumerable.Range(0, 8).Select(i => Store.PutAsync(Url("race.bin"), i % 2 == 0 ? a : b)).ToArray();
        await Task.WhenAll(tasks);

        var got = await Store.GetAsync(Url("race.bin"));
        Assert.True(got.AsSpan().SequenceEqual(a) || got.AsSpan().SequenceEqual(b), $"torn object of {got.Length} bytes");
        Assert.Single(await ToListAsync(Store.ListAsync(Prefix)));
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
