using System.Net;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BatchStats.Export.Index;
using Polly;
using Polly.Retry;

namespace BatchStats.Aws.DynamoDb;

/// <summary>
/// <see cref="IStatisticsIndex"/> over one DynamoDB table (layout in <see cref="IndexItemCodec"/>; GSI1 by identifier).
/// Writes go in BatchWriteItem chunks of 25, several chunks in flight; unprocessed items and throttling errors are
/// retried with exponential backoff and jitter. Keys are deterministic, so writing the same items again is idempotent.
/// </summary>
public sealed class DynamoDbStatisticsIndex : IStatisticsIndex
{
    /// <summary>The BatchWriteItem limit.</summary>
    public const int BatchSize = 25;

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _tableName;
    private readonly DynamoDbIndexOptions _options;
    private readonly ResiliencePipeline<BatchWriteItemResponse> _batchRetry;

    public DynamoDbStatisticsIndex(IAmazonDynamoDB dynamo, string tableName, DynamoDbIndexOptions? options = null)
    {
        _dynamo = dynamo ?? throw new ArgumentNullException(nameof(dynamo));
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        _tableName = tableName;
        _options = options ?? new DynamoDbIndexOptions();
        _batchRetry = new ResiliencePipelineBuilder<BatchWriteItemResponse>()
            .AddRetry(new RetryStrategyOptions<BatchWriteItemResponse>
            {
                ShouldHandle = new PredicateBuilder<BatchWriteItemResponse>()
                    .Handle<ProvisionedThroughputExceededException>()
                    .Handle<RequestLimitExceededException>()
                    .Handle<AmazonDynamoDBException>(IsTransient)
                    .HandleResult(r => r.UnprocessedItems is { Count: > 0 }),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                MaxRetryAttempts = _options.MaxRetryAttempts,
            })
            .Build();
    }

    /// <summary>The table definition this index expects (tests and local setup; the SAM template mirrors it).</summary>
    public static CreateTableRequest TableDefinition(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(IndexItemCodec.PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(IndexItemCodec.SortKey, ScalarAttributeType.S),
            new AttributeDefinition(IndexItemCodec.Gsi1PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(IndexItemCodec.Gsi1SortKey, ScalarAttributeType.S),
        ],
        KeySchema = [new KeySchemaElement(IndexItemCodec.PartitionKey, KeyType.HASH), new KeySchemaElement(IndexItemCodec.SortKey, KeyType.RANGE)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = IndexItemCodec.Gsi1Name,
                KeySchema = [new KeySchemaElement(IndexItemCodec.Gsi1PartitionKey, KeyType.HASH), new KeySchemaElement(IndexItemCodec.Gsi1SortKey, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };

    public async Task WriteAsync(IReadOnlyList<IndexItem> items, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(items);

        // One batch must not hold the same key twice (DynamoDB rejects it); the last write of a key wins.
        var byKey = new Dictionary<(string, string), Dictionary<string, AttributeValue>>();
        foreach (var item in items)
        {
            var encoded = IndexItemCodec.ToItem(item);
            byKey[(encoded[IndexItemCodec.PartitionKey].S, encoded[IndexItemCodec.SortKey].S)] = encoded;
        }

        var chunks = byKey.Values.Chunk(BatchSize).ToList();
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelBatches, CancellationToken = ct },
            async (chunk, token) => await WriteChunkAsync(chunk, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public IAsyncEnumerable<IndexItem> QueryByRequestAsync(string requestId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return QueryAsync(new QueryRequest
        {
            TableName = _tableName,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = IndexItemCodec.PartitionKey },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = IndexItemCodec.RequestPartition(requestId) } },
        }, ct);
    }

    public IAsyncEnumerable<IndexItem> QueryByIdentifierAsync(string identifier, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return QueryAsync(new QueryRequest
        {
            TableName = _tableName,
            IndexName = IndexItemCodec.Gsi1Name,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = IndexItemCodec.Gsi1PartitionKey },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = IndexItemCodec.IdentifierPartition(identifier) } },
        }, ct);
    }

    private async IAsyncEnumerable<IndexItem> QueryAsync(QueryRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        do
        {
            var response = await _dynamo.QueryAsync(request, ct).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                yield return IndexItemCodec.FromItem(item);
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
    }

    private async Task WriteChunkAsync(Dictionary<string, AttributeValue>[] chunk, CancellationToken ct)
    {
        var pending = new Dictionary<string, List<WriteRequest>>
        {
            [_tableName] = chunk.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }).ToList(),
        };

        var last = await _batchRetry.ExecuteAsync(
            async token =>
            {
                var response = await _dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, token).ConfigureAwait(false);

                // The next attempt sends only what DynamoDB did not process.
                if (response.UnprocessedItems is { Count: > 0 } unprocessed)
                {
                    pending = unprocessed;
                }

                return response;
            },
            ct).ConfigureAwait(false);

        if (last.UnprocessedItems is { Count: > 0 } left)
        {
            var count = left.Values.Sum(l => l.Count);
            throw new IOException(
                $"DynamoDB table {_tableName}: {count} index items were still unprocessed after {_options.MaxRetryAttempts} retries (throttled); re-run the export, it is idempotent.");
        }
    }

    private static bool IsTransient(AmazonDynamoDBException ex) =>
        ex.StatusCode >= HttpStatusCode.InternalServerError || ex.ErrorCode is "ThrottlingException" or "InternalServerError";
}
