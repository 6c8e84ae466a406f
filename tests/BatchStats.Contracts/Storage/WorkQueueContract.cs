using System.Diagnostics;
using BatchStats.Engine.Storage;
using Xunit;

namespace BatchStats.Contracts.Storage;

/// <summary>
/// Behaviour every <see cref="IWorkQueue"/> must have (at-least-once delivery with receipts). A subclass provides a
/// fresh, empty queue per test. Ordering is not part of the contract (SQS standard queues do not keep it).
/// </summary>
public abstract class WorkQueueContract
{
    private IWorkQueue? _queue;

    protected abstract IWorkQueue CreateQueue();

    /// <summary>
    /// The visibility timeout the created queue uses for received-but-unacknowledged items, or null when the
    /// implementation cannot be configured for a short one in tests (the redelivery test is then skipped).
    /// </summary>
    protected virtual TimeSpan? VisibilityTimeout => null;

    /// <summary>How long a test waits for an item that should be there (queues with remote latency need more).</summary>
    protected virtual TimeSpan ReceiveWait => TimeSpan.FromSeconds(2);

    protected IWorkQueue Queue => _queue ??= CreateQueue();

    private static WorkItem Item(int chunk) => new("req-" + chunk / 100, chunk, chunk * 10L, 10);

    private async Task<List<ReceivedWorkItem>> ReceiveAllAsync(int expected)
    {
        var got = new List<ReceivedWorkItem>();
        var deadline = Stopwatch.StartNew();
        while (got.Count < expected && deadline.Elapsed < ReceiveWait * 3)
        {
            got.AddRange(await Queue.ReceiveAsync(expected - got.Count, ReceiveWait));
        }

        return got;
    }

    [SkippableFact]
    public async Task Enqueued_item_is_received_with_its_fields_and_delivery_count_one()
    {
        var item = new WorkItem("4700adcb-b0fc-44b4-80df-d97ae1f33ec3", 3, 30, 10);
        await Queue.EnqueueAsync(item);

        var got = Assert.Single(await ReceiveAllAsync(1));

        Assert.Equal(item, got.Item);
        Assert.Equal(1, got.DeliveryCount);
        Assert.False(string.IsNullOrEmpty(got.Receipt));
    }

    [SkippableFact]
    public async Task Receive_returns_at_most_max_items()
    {
        for (var i = 0; i < 5; i++)
        {
            await Queue.EnqueueAsync(Item(i));
        }

        var first = await Queue.ReceiveAsync(2, ReceiveWait);
        Assert.InRange(first.Count, 1, 2);

        var rest = await ReceiveAllAsync(5 - first.Count);
        Assert.Equal(Enumerable.Range(0, 5), first.Concat(rest).Select(r => r.Item.ChunkIndex).Order());
    }

    [SkippableFact]
    public async Task Receive_on_an_empty_queue_returns_empty_after_about_the_wait()
    {
        var sw = Stopwatch.StartNew();
        var got = await Queue.ReceiveAsync(10, TimeSpan.FromMilliseconds(300));
        Assert.Empty(got);
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(250), $"returned after {sw.Elapsed}");
    }

    [SkippableFact]
    public async Task Completed_item_is_not_delivered_again()
    {
        await Queue.EnqueueAsync(Item(1));
        var got = Assert.Single(await ReceiveAllAsync(1));
        await Queue.CompleteAsync(got);

        Assert.Empty(await Queue.ReceiveAsync(10, TimeSpan.FromMilliseconds(500)));
    }

    [SkippableFact]
    public async Task Received_item_is_invisible_to_other_receivers_until_handled()
    {
        await Queue.EnqueueAsync(Item(1));
        Assert.Single(await ReceiveAllAsync(1));

        Assert.Empty(await Queue.ReceiveAsync(10, TimeSpan.FromMilliseconds(300)));
    }

    [SkippableFact]
    public async Task Abandoned_item_is_redelivered_with_an_incremented_delivery_count()
    {
        await Queue.EnqueueAsync(Item(7));
        var first = Assert.Single(await ReceiveAllAsync(1));
        await Queue.AbandonAsync(first, TimeSpan.Zero);

        var second = Assert.Single(await ReceiveAllAsync(1));
        Assert.Equal(first.Item, second.Item);
        Assert.Equal(2, second.DeliveryCount);
        await Queue.CompleteAsync(second);

        Assert.Empty(await Queue.ReceiveAsync(10, TimeSpan.FromMilliseconds(300)));
    }

    [SkippableFact]
    public async Task Abandon_with_delay_hides_the_item_until_the_delay_passed()
    {
        await Queue.EnqueueAsync(Item(2));
        var first = Assert.Single(await ReceiveAllAsync(1));
        var sw = Stopwatch.StartNew();
        await Queue.AbandonAsync(first, TimeSpan.FromSeconds(2));

        Assert.Empty(await Queue.ReceiveAsync(10, TimeSpan.FromMilliseconds(500)));
        var again = Assert.Single(await ReceiveAllAsync(1));
        Assert.True(sw.Elapsed >= TimeSpan.FromSeconds(1.5), $"redelivered after {sw.Elapsed}");
        Assert.Equal(2, again.DeliveryCount);
    }

    [SkippableFact]
    public async Task Unacknowledged_item_reappears_after_the_visibility_timeout()
    {
        Skip.If(VisibilityTimeout is null, "implementation has no short visibility timeout for tests");
        await Queue.EnqueueAsync(Item(4));
        var first = Assert.Single(await ReceiveAllAsync(1));

        // The receiver "dies": neither complete nor abandon.
        await Task.Delay(VisibilityTimeout!.Value + TimeSpan.FromMilliseconds(200));
        var again = Assert.Single(await ReceiveAllAsync(1));

        Assert.Equal(first.Item, again.Item);
        Assert.Equal(2, again.DeliveryCount);
    }

    [SkippableFact]
    public async Task Concurrent_receivers_get_each_item_exactly_once_when_all_complete()
    {
        const int items = 40;
        for (var i = 0; i < items; i++)
        {
            await Queue.EnqueueAsync(Item(i));
        }

        var seen = new System.Collections.Concurrent.ConcurrentBag<int>();
        async Task Receiver()
        {
            while (true)
            {
                var batch = await Queue.ReceiveAsync(3, TimeSpan.FromMilliseconds(500));
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var r in batch)
                {
                    seen.Add(r.Item.ChunkIndex);
                    await Queue.CompleteAsync(r);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Receiver)));

        Assert.Equal(Enumerable.Range(0, items), seen.Order());
    }
}
