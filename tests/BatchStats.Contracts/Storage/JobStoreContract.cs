using BatchStats.Engine.Storage;
using Xunit;

namespace BatchStats.Contracts.Storage;

/// <summary>
/// Behaviour every <see cref="IJobStore"/> must have. A subclass provides a fresh, empty store per test
/// (a new folder, a new table, or a table with a unique key prefix).
/// </summary>
public abstract class JobStoreContract
{
    private IJobStore? _store;

    protected abstract IJobStore CreateStore();

    protected IJobStore Store => _store ??= CreateStore();

    private static readonly DateTimeOffset s_t0 = new(2022, 8, 26, 8, 40, 36, TimeSpan.Zero);

    protected static JobRecord NewRecord(string? id = null, DateTimeOffset? created = null, string status = "CREATED") =>
        new(id ?? Guid.NewGuid().ToString(), status, 0, created ?? s_t0, $"{{\"status\":\"{status}\"}}");

    [SkippableFact]
    public async Task Create_then_get_returns_the_record()
    {
        var record = NewRecord() with { Document = "{\"id\":\"x\",\"request\":{\"a\":\"ž\"}}" };
        await Store.CreateAsync(record);

        var got = await Store.GetAsync(record.RequestId);

        Assert.NotNull(got);
        Assert.Equal(record.RequestId, got.RequestId);
        Assert.Equal("CREATED", got.Status);
        Assert.Equal(0, got.Version);
        Assert.Equal(record.Created, got.Created);
        Assert.Equal(record.Document, got.Document);
    }

    [SkippableFact]
    public async Task Get_of_an_unknown_id_is_null()
    {
        Assert.Null(await Store.GetAsync(Guid.NewGuid().ToString()));
    }

    [SkippableFact]
    public async Task Create_with_an_existing_id_throws_conflict_and_keeps_the_original()
    {
        var record = NewRecord();
        await Store.CreateAsync(record);

        var ex = await Assert.ThrowsAsync<JobConflictException>(
            () => Store.CreateAsync(record with { Document = "{\"other\":true}" }));

        Assert.Equal(record.RequestId, ex.RequestId);
        Assert.Equal(record.Document, (await Store.GetAsync(record.RequestId))!.Document);
    }

    [SkippableFact]
    public async Task Update_with_the_current_version_increments_it()
    {
        var record = NewRecord();
        await Store.CreateAsync(record);

        var updated = await Store.UpdateAsync(record with { Status = "ANALYSING", Document = "{\"v\":1}" }, expectedVersion: 0);
        Assert.Equal(1, updated.Version);
        Assert.Equal("ANALYSING", updated.Status);

        var again = await Store.UpdateAsync(updated with { Status = "ANALYSIS_DONE", Document = "{\"v\":2}" }, expectedVersion: 1);
        Assert.Equal(2, again.Version);

        var stored = await Store.GetAsync(record.RequestId);
        Assert.Equal(2, stored!.Version);
        Assert.Equal("ANALYSIS_DONE", stored.Status);
        Assert.Equal("{\"v\":2}", stored.Document);
    }

    [SkippableFact]
    public async Task Update_with_a_stale_version_throws_conflict_and_changes_nothing()
    {
        var record = NewRecord();
        await Store.CreateAsync(record);
        await Store.UpdateAsync(record with { Document = "{\"v\":1}" }, 0);

        await Assert.ThrowsAsync<JobConflictException>(() => Store.UpdateAsync(record with { Document = "{\"stale\":1}" }, 0));
        await Assert.ThrowsAsync<JobConflictException>(() => Store.UpdateAsync(record with { Document = "{\"future\":1}" }, 5));

        var stored = await Store.GetAsync(record.RequestId);
        Assert.Equal(1, stored!.Version);
        Assert.Equal("{\"v\":1}", stored.Document);
    }

    [SkippableFact]
    public async Task Update_of_an_unknown_id_throws_conflict()
    {
        await Assert.ThrowsAsync<JobConflictException>(() => Store.UpdateAsync(NewRecord(), 0));
    }

    [SkippableFact]
    public async Task List_returns_every_record_newest_first()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            // Insert out of order so the store cannot just return insertion order.
            var created = s_t0.AddMinutes(new[] { 3, 1, 4, 0, 2 }[i]);
            var record = NewRecord(created: created);
            ids.Add(record.RequestId);
            await Store.CreateAsync(record);
        }

        var listed = new List<JobRecord>();
        await foreach (var r in Store.ListAsync())
        {
            listed.Add(r);
        }

        Assert.Equal(5, listed.Count);
        Assert.Equal([ids[2], ids[0], ids[4], ids[1], ids[3]], listed.Select(r => r.RequestId));
    }

    [SkippableFact]
    public async Task Concurrent_read_modify_write_with_retry_loses_no_update()
    {
        var record = NewRecord() with { Document = "0" };
        await Store.CreateAsync(record);
        const int writers = 8, incrementsEach = 5;

        async Task Writer()
        {
            for (var i = 0; i < incrementsEach; i++)
            {
                while (true)
                {
                    var current = (await Store.GetAsync(record.RequestId))!;
                    var next = current with { Document = (int.Parse(current.Document) + 1).ToString() };
                    try
                    {
                        await Store.UpdateAsync(next, current.Version);
                        break;
                    }
                    catch (JobConflictException)
                    {
                        await Task.Yield();
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(Writer)));

        var final = (await Store.GetAsync(record.RequestId))!;
        Assert.Equal(writers * incrementsEach, int.Parse(final.Document));
        Assert.Equal(writers * incrementsEach, final.Version);
    }
}
