using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BatchStats.Aws.DynamoDb;
using BatchStats.Aws.Tests.Moto;
using BatchStats.Export.Index;

namespace BatchStats.Aws.Tests.DynamoDb;

public sealed class DynamoDbStatisticsIndexTests(MotoServer moto) : MotoTest(moto)
{
    private const string Table = "batchstats-index";
    private static readonly DateTimeOffset s_day0 = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);

    protected override async Task SetUpAsync()
    {
        using var dynamo = Moto.Clients.CreateDynamoDb();
        await dynamo.CreateTableAsync(DynamoDbStatisticsIndex.TableDefinition(Table));
    }

    /// <summary>features × intervals items of one request; identifiers "field-&lt;featureId&gt;".</summary>
    private static List<IndexItem> Items(string requestId, int features, int intervals, double offset = 0) =>
        [.. from f in Enumerable.Range(0, features)
            from i in Enumerable.Range(0, intervals)
            select new IndexItem(
                requestId, f, $"field-{f}", s_day0.AddDays(5 * i), s_day0.AddDays(5 * i + 5),
                new Dictionary<string, object>
                {
                    ["ndvi_B0_mean"] = f + i / 10.0 + offset,
                    ["ndvi_B0_min"] = 3.0,                     // integral double: must stay a double
                    ["ndvi_B0_stDev"] = double.NaN,            // not representable as N
                    ["ndvi_B0_sampleCount"] = 100L * f + i,
                    ["ndvi_B0_histogram_counts"] = new long[] { f, i, 7 },
                    ["ndvi_B0_histogram_bins"] = new[] { 0.0, 0.5, 1.0 },
                    ["note"] = "ž-" + f,
                })];

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var x in source)
        {
            list.Add(x);
        }

        return list;
    }

    private async Task<int> CountItemsAsync()
    {
        using var dynamo = Moto.Clients.CreateDynamoDb();
        var scan = await dynamo.ScanAsync(new ScanRequest { TableName = Table, Select = Select.COUNT });
        return scan.Count ?? 0;
    }

    [SkippableFact]
    public async Task Sixty_items_are_written_in_batches_of_at_most_25_and_read_back_exactly()
    {
        Moto.Require();
        using var counting = new CountingDynamoDbClient(Moto);
        var index = new DynamoDbStatisticsIndex(counting, Table);
        var items = Items("req-a", features: 6, intervals: 10);

        await index.WriteAsync(items);

        // 60 items → 25 + 25 + 10.
        Assert.Equal([10, 25, 25], counting.BatchSizes.Order());
        Assert.Equal(60, await CountItemsAsync());

        var read = await ToListAsync(index.QueryByRequestAsync("req-a"));
        Assert.Equal(60, read.Count);

        // Sort key order: feature id, then interval start.
        var expected = items.OrderBy(i => i.FeatureId).ThenBy(i => i.IntervalFrom).ToList();
        for (var k = 0; k < expected.Count; k++)
        {
            AssertSameItem(expected[k], read[k]);
        }
    }

    [SkippableFact]
    public async Task Rewriting_the_same_keys_replaces_items_without_duplicates()
    {
        Moto.Require();
        var index = new DynamoDbStatisticsIndex(Moto.Clients.CreateDynamoDb(), Table);
        await index.WriteAsync(Items("req-a", 3, 10));
        Assert.Equal(30, await CountItemsAsync());

        // Same keys, new values (a re-export after a fix), plus the same item twice in one call.
        var again = Items("req-a", 3, 10, offset: 1000);
        await index.WriteAsync([.. again, again[0]]);

        Assert.Equal(30, await CountItemsAsync());
        var read = await ToListAsync(index.QueryByRequestAsync("req-a"));
        Assert.Equal(30, read.Count);
        Assert.All(read, r => Assert.True((double)r.Attributes["ndvi_B0_mean"] >= 1000));
    }

    [SkippableFact]
    public async Task Query_by_identifier_returns_that_field_across_requests_ordered_by_interval()
    {
        Moto.Require();
        var index = new DynamoDbStatisticsIndex(Moto.Clients.CreateDynamoDb(), Table);
        var older = Items("req-old", 4, 3);
        var newer = Items("req-new", 4, 3).Select(i => i with { IntervalFrom = i.IntervalFrom.AddDays(100), IntervalTo = i.IntervalTo.AddDays(100) }).ToList();
        await index.WriteAsync([.. older, .. newer]);

        var field2 = await ToListAsync(index.QueryByIdentifierAsync("field-2"));

        Assert.Equal(6, field2.Count);
        Assert.All(field2, i => Assert.Equal("field-2", i.Identifier));
        Assert.Equal(
            [.. older.Where(i => i.FeatureId == 2).Select(i => ("req-old", i.IntervalFrom)), .. newer.Where(i => i.FeatureId == 2).Select(i => ("req-new", i.IntervalFrom))],
            field2.Select(i => (i.RequestId, i.IntervalFrom)));
        Assert.Empty(await ToListAsync(index.QueryByIdentifierAsync("field-99")));
        Assert.Equal(12, (await ToListAsync(index.QueryByRequestAsync("req-new"))).Count);
        Assert.Empty(await ToListAsync(index.QueryByRequestAsync("req-none")));
    }

    [SkippableFact]
    public async Task Unprocessed_items_are_retried_until_all_are_written()
    {
        Moto.Require();
        using var flaky = new CountingDynamoDbClient(Moto) { LeaveUnprocessedOnFirstCall = 10 };
        var index = new DynamoDbStatisticsIndex(flaky, Table, new DynamoDbIndexOptions { MaxParallelBatches = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(5) });

        await index.WriteAsync(Items("req-a", 2, 20));

        // 40 items: batch 1 (25) sends 15 and leaves 10 → retry of 10; batch 2 (15) → 5 + retry of 10.
        Assert.Equal([25, 10, 15, 10], flaky.BatchSizes);
        Assert.Equal(40, await CountItemsAsync());
    }

    [SkippableFact]
    public async Task Items_still_unprocessed_after_the_retries_fail_with_a_clear_message()
    {
        Moto.Require();
        using var stuck = new CountingDynamoDbClient(Moto) { AlwaysLeaveUnprocessed = true };
        var index = new DynamoDbStatisticsIndex(stuck, Table, new DynamoDbIndexOptions { MaxRetryAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var ex = await Assert.ThrowsAsync<IOException>(() => index.WriteAsync(Items("req-a", 1, 5)));

        Assert.Contains("5 index items were still unprocessed after 3 retries", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, stuck.BatchSizes.Count);
    }

    private static void AssertSameItem(IndexItem expected, IndexItem actual)
    {
        Assert.Equal(expected.RequestId, actual.RequestId);
        Assert.Equal(expected.FeatureId, actual.FeatureId);
        Assert.Equal(expected.Identifier, actual.Identifier);
        Assert.Equal(expected.IntervalFrom, actual.IntervalFrom);
        Assert.Equal(expected.IntervalTo, actual.IntervalTo);
        Assert.Equal(expected.Attributes.Keys.Order(StringComparer.Ordinal), actual.Attributes.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected.Attributes)
        {
            var got = actual.Attributes[name];
            Assert.IsType(value.GetType(), got);
            Assert.Equal(value, got);
        }
    }

    /// <summary>A real client (aimed at moto) that records BatchWriteItem sizes and can simulate throttled items.</summary>
    private sealed class CountingDynamoDbClient(MotoServer moto)
        : AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "us-east-1" })
    {
        private readonly HashSet<string> _keysSeen = [];

        public List<int> BatchSizes { get; } = [];

        /// <summary>On the first call carrying a batch, send all but this many and report the rest unprocessed.</summary>
        public int LeaveUnprocessedOnFirstCall { get; init; }

        public bool AlwaysLeaveUnprocessed { get; init; }

        public override async Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
        {
            var (table, writes) = request.RequestItems.Single();
            lock (BatchSizes)
            {
                BatchSizes.Add(writes.Count);
            }

            if (AlwaysLeaveUnprocessed)
            {
                return new BatchWriteItemResponse { UnprocessedItems = request.RequestItems };
            }

            // A batch is "new" when none of its keys was sent before; retries carry keys seen already.
            var keys = writes.Select(w => w.PutRequest.Item["pk"].S + "|" + w.PutRequest.Item["sk"].S).ToList();
            bool first;
            lock (_keysSeen)
            {
                first = !keys.Any(_keysSeen.Contains) && LeaveUnprocessedOnFirstCall > 0 && writes.Count > 1;
                _keysSeen.UnionWith(keys);
            }

            if (!first)
            {
                return await base.BatchWriteItemAsync(request, cancellationToken);
            }

            var keep = Math.Max(1, writes.Count - LeaveUnprocessedOnFirstCall);
            var left = writes.Skip(keep).ToList();
            await base.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = writes.Take(keep).ToList() } }, cancellationToken);
            return new BatchWriteItemResponse { UnprocessedItems = new() { [table] = left } };
        }
    }
}
